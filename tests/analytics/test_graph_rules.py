"""Pure tests of the graph rules (analytics/rules/graph.py): clusters and hubs over plain edge lists."""

from __future__ import annotations

import pytest

from safecontext.analytics.rules import graph

# Two triangles joined by one bridge (3 — 4): the textbook two communities.
TWO_TRIANGLES = [(1, 2), (2, 3), (1, 3), (4, 5), (5, 6), (4, 6), (3, 4)]


def test_two_triangles_joined_by_a_bridge_are_two_clusters() -> None:
    found = graph.clusters(TWO_TRIANGLES)
    assert found[1] == found[2] == found[3]
    assert found[4] == found[5] == found[6]
    assert found[1] != found[4]
    assert graph.cluster_sizes(found) == {1: 3, 2: 3}


def test_clusters_are_numbered_largest_first_and_stable() -> None:
    edges = [*TWO_TRIANGLES, (10, 11), (11, 12), (12, 13), (13, 10), (10, 12), (11, 13), (13, 14), (14, 10)]
    found = graph.clusters(edges)
    assert found[10] == 1  # the five-node cluster is the largest
    assert graph.cluster_sizes(found)[1] == 5
    assert graph.cluster_sizes(found) == {1: 5, 2: 3, 3: 3}
    # Same input, same seed: the same clusters, numbered the same.
    assert graph.clusters(edges) == found


def test_ties_between_equal_clusters_go_to_the_one_holding_the_smallest_node() -> None:
    found = graph.clusters(TWO_TRIANGLES)
    assert found[1] == 1 and found[4] == 2


def test_no_edges_no_clusters_and_self_loops_are_ignored() -> None:
    assert graph.clusters([]) == {}
    assert graph.clusters([(7, 7)]) == {}
    assert graph.hubs([]) == []


def test_the_bridge_ends_are_the_hubs_by_betweenness() -> None:
    found = graph.hubs(TWO_TRIANGLES, top=3)
    assert {hub.node for hub in found[:2]} == {3, 4}
    # Node 3 lies on the shortest paths from 1 and 2 to 4, 5, 6 (6 pairs) and 4 on 1,2,3 to 5,6 (6 pairs):
    # 6 of the 10 pairs of other nodes.
    assert found[0].betweenness == pytest.approx(6 / 10)
    assert found[0].degree == 3
    assert found[2].betweenness == 0.0


def test_a_star_centre_has_every_tie_and_every_path() -> None:
    star = [(0, leaf) for leaf in range(1, 6)]
    (centre, *rest) = graph.hubs(star, top=6)
    assert centre.node == 0 and centre.degree == 5 and centre.betweenness == pytest.approx(1.0)
    assert all(hub.degree == 1 and hub.betweenness == 0.0 for hub in rest)
    assert [hub.node for hub in rest] == [1, 2, 3, 4, 5]  # ties read in node order


def test_a_broker_with_few_ties_outranks_a_busy_node_inside_a_group() -> None:
    # Two dense groups (six and three) whose only ties pass through node 50, which has fewer ties than most.
    dense = [(a, b) for a in range(1, 7) for b in range(a + 1, 7)]
    second = [(60, 61), (61, 62), (60, 62)]
    edges = [*dense, *second, (1, 50), (2, 50), (50, 60), (50, 61)]
    found = graph.hubs(edges, top=1)
    assert found[0].node == 50
    assert found[0].degree == 4


def test_large_subgraphs_use_a_path_cutoff_and_still_find_the_centre() -> None:
    # A ring of 2,000 with a hub joined to every tenth node: above the exact limit, the hub still comes first.
    ring = [(i, (i + 1) % 2000) for i in range(2000)]
    spokes = [(9999, i) for i in range(0, 2000, 10)]
    found = graph.hubs([*ring, *spokes], top=1)
    assert found[0].node == 9999 and found[0].degree == 200


def test_numbered_by_size_breaks_ties_by_smallest_node() -> None:
    assert graph.numbered_by_size([7, 7, 3, 3, 9], [10, 11, 1, 2, 0]) == {3: 1, 7: 2, 9: 3}


def test_sampled_betweenness_ranks_the_broker_of_a_large_subgraph_like_the_exact_one() -> None:
    # Two rings of 1,000 (above the exact limit together), each with chords, joined only through node 5000.
    left = [(i, (i + 1) % 1000) for i in range(1000)] + [(i, (i + 7) % 1000) for i in range(0, 1000, 3)]
    right = [(a + 2000, b + 2000) for a, b in left]
    edges = [*left, *right, (5000, 0), (5000, 2000)]
    found = graph.hubs(edges, top=3)
    # The broker and the two ring nodes it joins lie on every path between the rings; nothing else comes close.
    assert {hub.node for hub in found} == {0, 2000, 5000}
    (broker,) = [hub for hub in found if hub.node == 5000]
    assert broker.degree == 2
    # Exactly, node 5000 lies on every path between the rings: 1,000 x 1,000 of the 2,000 x 1,999 / 2 other pairs.
    assert broker.betweenness == pytest.approx(1_000_000 / (2000 * 1999 / 2), rel=0.25)
