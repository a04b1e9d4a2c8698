"""Information sharing (issue 6): sharing records and decisions not to share (`models`, `actions`), outbound documents
that each need a sharing record (`outbound.authorise_outbound`), PDFs without network access (`pdf.render_pdf`), and
the young person's "who knows what about me" lines built by the pure rules (`rules`, docs/adr/0016 and 0024)."""
