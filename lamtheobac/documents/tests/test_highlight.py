from __future__ import annotations

from lamtheobac.documents.queries import mark_spans


def test_each_span_is_wrapped_in_a_mark_with_its_anchor():
    marked = mark_spans("Số 59-KH/ĐUK", [("span-number", 3, 12)])

    assert marked.html == 'Số <mark id="span-number">59-KH/ĐUK</mark>'
    assert marked.anchors == {"span-number": "span-number"}


def test_every_piece_of_text_is_escaped():
    marked = mark_spans("<b>a</b> & <i>", [("span-x", 3, 4)])

    assert marked.html == '&lt;b&gt;<mark id="span-x">a</mark>&lt;/b&gt; &amp; &lt;i&gt;'


def test_the_longest_of_overlapping_spans_wins_and_the_other_links_to_it():
    text = "Số 545-CV/ĐUK"
    marked = mark_spans(text, [("span-kind", 7, 9), ("span-number", 3, 13)])

    assert marked.html == 'Số <mark id="span-number">545-CV/ĐUK</mark>'
    assert marked.anchors == {"span-number": "span-number", "span-kind": "span-number"}


def test_spans_of_equal_length_keep_the_earliest_and_marks_never_nest():
    marked = mark_spans("abcdef", [("late", 2, 5), ("early", 1, 4), ("apart", 5, 6)])

    assert marked.html == 'a<mark id="early">bcd</mark>e<mark id="apart">f</mark>'
    assert marked.anchors["late"] == "early"


def test_spans_outside_the_text_are_ignored():
    marked = mark_spans("abc", [("bad", 2, 9), ("empty", 1, 1)])

    assert marked.html == "abc"
    assert marked.anchors == {}
