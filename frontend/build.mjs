// Builds SafeContext's committed static files from node_modules (run with `npm run build`, or `make assets`).
//
// The output is committed so that running SafeContext needs neither npm nor a CDN: this script only runs when a
// front-end dependency or frontend/safecontext.scss changes. There is no bundler: every vendor file is copied as
// published, with its trailing sourceMappingURL comment removed (the maps are not shipped, and Django's
// ManifestStaticFilesStorage refuses to collect a file whose source map is missing).

import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

import * as sass from 'sass'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const modules = join(root, 'node_modules')
const dist = join(root, 'safecontext', 'static', 'dist')
const require = createRequire(import.meta.url)

const sourceMapComment = /\n?\/[/*][#@] sourceMappingURL=[^\n]*\s*$/

function copyScript (from, to) {
  const text = readFileSync(join(modules, from), 'utf8').replace(sourceMapComment, '\n')
  mkdirSync(dirname(to), { recursive: true })
  writeFileSync(to, text)
  console.log(`${from} -> ${relative(root, to)}`)
}

function packageInfo (name) {
  return require(join(modules, name, 'package.json'))
}

// Start clean so a file dropped by an upgrade does not linger in the committed output.
rmSync(dist, { recursive: true, force: true })
mkdirSync(dist, { recursive: true })

// 1. The stylesheet. govuk-frontend still uses @import internally; quietDeps hides the deprecation warnings that
//    causes, which are not ours to fix (warnings from safecontext.scss itself still show).
const css = sass.compile(join(root, 'frontend', 'safecontext.scss'), {
  style: 'compressed',
  importers: [new sass.NodePackageImporter(root)],
  quietDeps: true
}).css
if (/GDS Transport/i.test(css) || /\.woff2?\b/.test(css)) {
  throw new Error('safecontext.css mentions GDS Transport or a web font: SafeContext uses Arial only.')
}
writeFileSync(join(dist, 'safecontext.css'), css + '\n')
console.log(`frontend/safecontext.scss -> ${relative(root, join(dist, 'safecontext.css'))}`)

// 2. GOV.UK Frontend's images and manifest (the stylesheet refers to images/govuk-crest.svg). No fonts: Arial is a
//    system font. base.html does not use these crown icons as the favicon, as SafeContext is not a GOV.UK service.
cpSync(join(modules, 'govuk-frontend/dist/govuk/assets/images'), join(dist, 'assets', 'images'), { recursive: true })
cpSync(join(modules, 'govuk-frontend/dist/govuk/assets/manifest.json'), join(dist, 'assets', 'manifest.json'))
console.log(`govuk-frontend/dist/govuk/assets/{images,manifest.json} -> ${relative(root, join(dist, 'assets'))}`)

// 3. GOV.UK Frontend's JavaScript (an ES module: safecontext/static/js/init.js imports it and calls initAll).
copyScript('govuk-frontend/dist/govuk/govuk-frontend.min.js', join(dist, 'govuk-frontend.min.js'))

// 4. Scripts loaded with plain <script> tags. The fcose layout's UMD builds find their dependencies as globals,
//    so pages load them in this order: cytoscape, layout-base, cose-base, cytoscape-fcose.
copyScript('htmx.org/dist/htmx.min.js', join(dist, 'htmx.min.js'))
copyScript('cytoscape/dist/cytoscape.min.js', join(dist, 'cytoscape.min.js'))
copyScript('layout-base/layout-base.js', join(dist, 'layout-base.js'))
copyScript('cose-base/cose-base.js', join(dist, 'cose-base.js'))
copyScript('cytoscape-fcose/cytoscape-fcose.js', join(dist, 'cytoscape-fcose.js'))

// 4b. Leaflet, for the analytics hotspot map (a plain <script> tag, then safecontext/analytics/static): its script, its
//     stylesheet and the images the stylesheet names. No tiles are shipped or fetched: MAP_TILE_URL names them.
copyScript('leaflet/dist/leaflet.js', join(dist, 'leaflet', 'leaflet.js'))
cpSync(join(modules, 'leaflet/dist/leaflet.css'), join(dist, 'leaflet', 'leaflet.css'))
cpSync(join(modules, 'leaflet/dist/images'), join(dist, 'leaflet', 'images'), { recursive: true })
console.log(`leaflet/dist/{leaflet.css,images} -> ${relative(root, join(dist, 'leaflet'))}`)

// 5. axe-core, for the browser tests only (never served to users).
copyScript('axe-core/axe.min.js', join(root, 'tests', 'browser', 'vendor', 'axe.min.js'))

// 6. Licence notices for everything shipped above.
const shipped = ['govuk-frontend', 'htmx.org', 'cytoscape', 'layout-base', 'cose-base', 'cytoscape-fcose', 'leaflet']
const notices = shipped.map((name) => {
  const { version, license, homepage } = packageInfo(name)
  let text = ''
  try {
    text = '\n' + readFileSync(join(modules, name, 'LICENSE'), 'utf8').trim() + '\n'
  } catch {
    // govuk-frontend's package carries no LICENSE file; its licence is named in package.json.
  }
  return `${name} ${version} (${license})${homepage ? ' ' + homepage : ''}\n${text}`
})
writeFileSync(
  join(dist, 'THIRD-PARTY-NOTICES.txt'),
  'Third-party files in this directory, copied by frontend/build.mjs.\n\n' + notices.join('\n' + '-'.repeat(72) + '\n\n')
)
console.log('Build finished.')
