// The hotspot map: one circle a context, sized by its harmful links, on the tiles MAP_TILE_URL names — or on a plain
// background when no tile server is configured (the points do not need tiles). Labels are set as text, never HTML.
(function () {
  'use strict'
  var element = document.getElementById('hotspot-map')
  var data = document.getElementById('hotspot-points')
  if (!element || !data || typeof window.L === 'undefined') {
    return
  }
  var L = window.L
  var points = JSON.parse(data.textContent)
  if (!points.length) {
    return
  }
  var map = L.map(element, { scrollWheelZoom: false })
  var tiles = element.getAttribute('data-tile-url')
  if (tiles) {
    L.tileLayer(tiles, { attribution: element.getAttribute('data-tile-attribution') || '', maxZoom: 19 }).addTo(map)
  }
  var most = Math.max.apply(null, points.map(function (point) { return point.harmful }))
  var markers = points.map(function (point) {
    var label = document.createElement('span')
    label.textContent = point.name + ': ' + point.harmful + ' harmful link' + (point.harmful === 1 ? '' : 's')
    return L.circleMarker([point.lat, point.lng], {
      radius: 6 + 14 * point.harmful / most,
      color: '#d4351c',
      weight: 2,
      fillOpacity: 0.5
    }).bindTooltip(label)
  })
  var layer = L.featureGroup(markers).addTo(map)
  map.fitBounds(layer.getBounds().pad(0.2), { maxZoom: 15 })
  element.setAttribute('data-points-drawn', String(markers.length))
})()
