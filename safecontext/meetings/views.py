"""(Placeholder: being built.)"""

from django.http import Http404, HttpRequest, HttpResponse


def _todo(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Not built yet")


meeting_list = next_triage = meeting_detail = add_attendee = item_decision = add_action = record_outcome = _todo
