// Starts GOV.UK Frontend's components (skip link, header, service navigation, error summary, notification banner…).
//
// govuk-frontend 5 ships as an ES module and does not start itself: this module, loaded by base.html with
// type="module", imports it and calls initAll(). initAll() does nothing unless js-enabled.js has already put
// `govuk-frontend-supported` on <body>. The import is relative so that it resolves next to this file whether
// Django serves the plain or the hashed (ManifestStaticFilesStorage) name.
import { initAll } from '../dist/govuk-frontend.min.js'

initAll()

// Content that htmx swaps in later needs its components started too. htmx fires htmx:load on each new top-level
// element, which may itself be a component (querySelectorAll never matches the scope element), so the search starts
// from its parent; components already started there answer InitError, which is expected and ignored. htmx also fires
// htmx:load for <body> when it starts, which the initAll() above has already covered.
document.addEventListener('htmx:load', (event) => {
  const element = event.detail && event.detail.elt
  if (!(element instanceof Element) || element === document.body || !element.parentElement) {
    return
  }
  initAll({
    scope: element.parentElement,
    onError: (error) => {
      if (error.name !== 'InitError') {
        console.log(error)
      }
    }
  })
})
