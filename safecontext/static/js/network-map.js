// The network map: draws the purpose-limited graph the server sends (graph.json, the same as the links table below
// it) with Cytoscape and the fcose layout. Without JavaScript the table is the map. Every label comes from the
// server; this script only places nodes, and hands their positions to the PNG export form so the picture matches.
(function () {
  "use strict";
  var container = document.getElementById("network-map");
  if (!container || typeof window.cytoscape !== "function") {
    return;
  }
  var status = document.getElementById("network-map-status");
  var positionsField = document.getElementById("network-positions");
  // Cytoscape adds a <style> element for its container unless one with this id exists; the CSP refuses inline
  // styles, so give it the marker and set the one rule it wanted (position: relative) through the CSSOM instead.
  if (!document.getElementById("__________cytoscape_stylesheet")) {
    var marker = document.createElement("meta");
    marker.id = "__________cytoscape_stylesheet";
    document.head.appendChild(marker);
  }
  container.style.position = "relative";
  container.style.height = "520px";
  container.style.border = "1px solid #b1b4b6";

  var natureColours = { protective: "#00703c", harmful: "#d4351c", unknown: "#505a5f" };
  var kindColours = { person: "#1d70b8", context: "#f47738", object: "#4c2c92" };

  function elements(graph) {
    var nodes = graph.nodes.map(function (node) {
      var label = node.label + (node.hub_links ? " (" + node.hub_links + " links)" : "");
      return {
        group: "nodes",
        data: { id: node.id, label: label, kind: node.kind, withheld: node.withheld, hub: !!node.hub_links, centre: node.id === graph.centre }
      };
    });
    var edges = graph.edges.map(function (edge) {
      return {
        group: "edges",
        data: { id: edge.id, source: edge.source, target: edge.target, label: edge.type_label, nature: edge.nature }
      };
    });
    return nodes.concat(edges);
  }

  function style() {
    return [
      {
        selector: "node",
        style: {
          label: "data(label)",
          "font-size": 11,
          "text-valign": "bottom",
          "text-margin-y": 4,
          "background-color": function (node) { return node.data("withheld") ? "#b1b4b6" : kindColours[node.data("kind")] || "#505a5f"; },
          shape: function (node) { return node.data("kind") === "person" ? "ellipse" : node.data("kind") === "object" ? "diamond" : "round-rectangle"; },
          width: 22,
          height: 22
        }
      },
      { selector: "node[?centre]", style: { width: 34, height: 34, "border-width": 3, "border-color": "#0b0c0c" } },
      { selector: "node[?hub]", style: { "border-width": 4, "border-style": "double", "border-color": "#0b0c0c" } },
      {
        selector: "edge",
        style: {
          width: function (edge) { return edge.data("nature") === "harmful" ? 4 : 2; },
          "line-color": function (edge) { return natureColours[edge.data("nature")] || "#505a5f"; },
          "line-style": function (edge) { return edge.data("nature") === "unknown" ? "dashed" : "solid"; },
          "target-arrow-shape": "triangle",
          "target-arrow-color": function (edge) { return natureColours[edge.data("nature")] || "#505a5f"; },
          "curve-style": "bezier"
        }
      }
    ];
  }

  function rememberPositions(cy) {
    if (!positionsField) {
      return;
    }
    var positions = {};
    cy.nodes().forEach(function (node) {
      var p = node.position();
      positions[node.id()] = [Math.round(p.x), Math.round(p.y)];
    });
    positionsField.value = JSON.stringify(positions);
  }

  // The page carries its graph (the same one as the table); graph.json is there for anything else that draws it.
  var embedded = document.getElementById("network-graph-data");
  var loaded = embedded
    ? Promise.resolve(JSON.parse(embedded.textContent))
    : fetch(container.getAttribute("data-graph-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("The map could not be loaded (" + response.status + ")");
        }
        return response.json();
      });
  loaded
    .then(function (graph) {
      var cy = window.cytoscape({
        container: container,
        elements: elements(graph),
        style: style(),
        layout: { name: graph.nodes.length > 1 ? "fcose" : "grid", animate: false, randomize: true, nodeRepulsion: 6000 },
        wheelSensitivity: 0.3
      });
      container.setAttribute("data-node-count", String(cy.nodes().length));
      container.setAttribute("data-edge-count", String(cy.edges().length));
      rememberPositions(cy);
      cy.on("dragfree", "node", function () { rememberPositions(cy); });
      if (status) {
        status.textContent = "Map drawn: " + cy.nodes().length + " nodes and " + cy.edges().length + " links.";
      }
    })
    .catch(function (error) {
      if (status) {
        status.textContent = error.message + ". The links are listed in the table below.";
      }
    });
})();
