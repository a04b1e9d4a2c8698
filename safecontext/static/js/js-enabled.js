// The first thing <body> runs (a plain, blocking script, so the classes are there before the page is painted):
// `js-enabled` lets GOV.UK Frontend's styles hide what its scripts will enhance, and `govuk-frontend-supported`
// (only in browsers that run ES modules) lets init.js start the components. This is GOV.UK's template snippet,
// moved from an inline <script> into a file so the Content-Security-Policy needs no exception for it.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '')
