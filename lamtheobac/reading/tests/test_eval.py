"""The metric maths of ``evaluate``, on tiny hand-made gold and prediction pairs."""

from __future__ import annotations

import json

import pytest

from lamtheobac.reading.evaluate import (
    Score,
    evaluate,
    gold_fields,
    norm_text,
    score_document,
    score_list,
    score_scalar,
)
from lamtheobac.reading.model import Extraction, Located


def test_a_matching_scalar_is_one_true_positive():
    assert score_scalar("59-KH/ĐUK", " 59-KH/ĐUK ").score == Score(tp=1)


def test_a_missing_scalar_is_a_false_negative_only():
    assert score_scalar("2020-03-06", None).score == Score(fn=1)


def test_a_wrong_scalar_is_both_a_false_positive_and_a_false_negative():
    assert score_scalar("59-KH/ĐUK", "60-KH/ĐUK").score == Score(fp=1, fn=1)


def test_a_scalar_where_the_gold_is_null_is_a_false_positive():
    assert score_scalar(None, "2020-03-06").score == Score(fp=1)


def test_scalars_compare_after_nfc_so_decomposed_marks_match():
    decomposed = "Pha\u0323m Sa\u0301u"
    assert score_scalar("Phạm Sáu", decomposed).score == Score(tp=1)


def test_list_fields_match_as_multisets():
    result = score_list(["a", "a", "b"], ["a", "c"], key=lambda x: x)
    assert result.score == Score(tp=1, fp=1, fn=2)
    assert result.missed == ["a", "b"] and result.extra == ["c"]


def test_precision_recall_and_f1_follow_the_counts():
    score = Score(tp=8, fp=2, fn=0)
    assert score.precision == pytest.approx(0.8)
    assert score.recall == 1.0
    assert score.f1 == pytest.approx(2 * 0.8 / 1.8)


def test_an_empty_field_on_both_sides_scores_one():
    assert Score().f1 == 1.0


def test_recipients_compare_without_dash_case_or_end_punctuation():
    assert norm_text("- Lưu **Văn phòng** Huyện ủy.") == norm_text("lưu văn phòng huyện ủy")


def test_deadlines_match_on_due_date_and_exclusivity():
    gold = gold_fields({"deadlines": [{"due": "2022-03-04", "exclusive": True}]})
    predicted = gold_fields({"deadlines": [{"due": "2022-03-04", "exclusive": False}]})
    assert score_document(gold, predicted)["deadlines"].score == Score(fp=1, fn=1)


def test_quotas_match_on_the_min_max_triple():
    quota = {
        "collectives": {"min": 0, "max": 1},
        "individuals": {"min": 0, "max": 1},
        "total": {"min": 1, "max": 1},
    }
    other = json.loads(json.dumps(quota))
    other["total"]["max"] = 2
    gold = gold_fields({"quotas": [quota]})
    assert score_document(gold, gold_fields({"quotas": [quota]}))["quotas"].score == Score(tp=1)
    assert score_document(gold, gold_fields({"quotas": [other]}))["quotas"].score == Score(
        fp=1, fn=1
    )


def test_evaluate_scores_each_rendering_against_the_shared_gold(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.docx").write_bytes(b"x")
    (tmp_path / "a.gold.json").write_text(
        json.dumps({"number": "01-KH/CB", "signer": {"name": "Lê Văn A"}, "tasks": []}),
        encoding="utf-8",
    )
    (tmp_path / "orphan.txt").write_text("no gold", encoding="utf-8")

    def reader(path):
        ex = Extraction(text="")
        ex.number = Located("01-KH/CB", (0, 1))
        return ex

    report = evaluate(tmp_path, reader=reader)
    assert report.documents == ["a.docx", "a.txt"]
    assert report.totals["number"] == Score(tp=2)
    assert report.totals["signer.name"] == Score(fn=2)
    assert "signer.name" in report.failures()


def test_tasks_and_quotas_targets_wait_until_the_seeds_have_any(tmp_path):
    (tmp_path / "seed_x.txt").write_text("x", encoding="utf-8")
    (tmp_path / "seed_x.gold.json").write_text(json.dumps({"tasks": [{"lead": "Ban A"}]}))
    report = evaluate(tmp_path, reader=lambda path: Extraction(text=""))
    assert report.totals["tasks"] == Score(fn=1)
    assert "tasks" not in report.failures()


def _split_corpus(tmp_path, *, wrong_unseen_gold: bool, wrong_in: str = "unseen"):  # type: ignore[no-untyped-def]
    import json
    import shutil
    from pathlib import Path

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    (tmp_path / "unseen").mkdir()
    (tmp_path / "unseen2").mkdir()
    (tmp_path / "unseen3").mkdir()
    for name, folder in (
        ("d06_tb_chi_bo", tmp_path),
        ("d12_khong_ngay_kh", tmp_path / "unseen"),
        ("d24_kh_chi_bo_khong_so", tmp_path / "unseen2"),
        ("d18_cv_don_doc", tmp_path / "unseen2"),
        ("d20_tb_ket_luan_thi_uy", tmp_path / "unseen3"),
    ):
        shutil.copy(corpus / f"{name}.txt", folder / f"{name}.txt")
        gold = json.loads((corpus / f"{name}.gold.json").read_text(encoding="utf-8"))
        if wrong_unseen_gold and folder.name == wrong_in:
            gold["number"] = "999-KH/XYZ"
        (folder / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False))
    return tmp_path


def test_eval_scores_the_unseen_split_apart_from_the_split_developed_on(tmp_path, capsys):
    from lamtheobac.reading.cli import eval_main

    folder = _split_corpus(tmp_path, wrong_unseen_gold=False)
    assert eval_main([str(folder)]) == 0
    out = capsys.readouterr().out
    developed = out.index("(developed on)")
    unseen = out.index("(labelled before first run)")
    unseen2 = out.index("(labelled before first run (2))")
    unseen3 = out.index("(labelled before first run (3))")
    assert developed < unseen < unseen2 < unseen3
    assert "Kho văn bản: 1 tài liệu" in out[developed:unseen]
    assert "Kho văn bản: 1 tài liệu" in out[unseen:unseen2]
    assert "Kho văn bản: 2 tài liệu" in out[unseen2:unseen3]
    assert "Kho văn bản: 1 tài liệu" in out[unseen3:]


def test_a_missed_target_on_the_unseen_split_fails_eval_unless_it_is_report_only(tmp_path, capsys):
    from lamtheobac.reading.cli import eval_main

    folder = _split_corpus(tmp_path, wrong_unseen_gold=True)
    assert eval_main([str(folder)]) == 1
    assert eval_main([str(folder), "--unseen-report-only"]) == 0
    assert "phần unseen chỉ báo số liệu" in capsys.readouterr().out


def test_a_missed_target_on_the_second_unseen_split_fails_eval_too(tmp_path, capsys):
    from lamtheobac.reading.cli import eval_main

    folder = _split_corpus(tmp_path, wrong_unseen_gold=True, wrong_in="unseen2")
    assert eval_main([str(folder)]) == 1
    out = capsys.readouterr().out
    second = out[out.index("(labelled before first run (2))") :]
    assert "number" in second and "KHÔNG ĐẠT" in second
    assert eval_main([str(folder), "--unseen-report-only"]) == 0


def test_eval_measures_one_split_alone_when_asked(tmp_path, capsys):
    from lamtheobac.reading.cli import eval_main

    folder = _split_corpus(tmp_path, wrong_unseen_gold=True, wrong_in="unseen")
    assert eval_main([str(folder), "--split", "unseen2"]) == 0
    out = capsys.readouterr().out
    assert "(labelled before first run (2))" in out
    assert "(developed on)" not in out and "(labelled before first run)" not in out


def _split4_with_a_wrong_number(tmp_path):
    folder = _split_corpus(tmp_path, wrong_unseen_gold=False)
    (folder / "unseen4").mkdir()
    for suffix in (".txt", ".gold.json"):
        (folder / "unseen3" / f"d20_tb_ket_luan_thi_uy{suffix}").rename(
            folder / "unseen4" / f"d20_tb_ket_luan_thi_uy{suffix}"
        )
    gold = folder / "unseen4" / "d20_tb_ket_luan_thi_uy.gold.json"
    gold.write_text(gold.read_text(encoding="utf-8").replace('"number": "', '"number": "9'))
    return folder


def test_a_missed_target_on_a_held_out_split_is_printed_but_never_fails_eval(
    tmp_path, capsys, monkeypatch
):
    from lamtheobac.reading import cli

    monkeypatch.setattr(cli, "HELD_OUT_SPLITS", ("unseen4",))
    folder = _split4_with_a_wrong_number(tmp_path)
    assert cli.eval_main([str(folder)]) == 0
    out = capsys.readouterr().out
    held_out = out[out.index("(labelled before first run (4), written blind)") :]
    assert "number" in held_out and "KHÔNG ĐẠT" in held_out
    assert "phần giữ riêng chỉ báo số liệu" in held_out


def test_a_missed_target_on_the_fourth_split_fails_eval_now_that_it_gates(tmp_path, capsys):
    from lamtheobac.reading.cli import eval_main

    folder = _split4_with_a_wrong_number(tmp_path)
    assert eval_main([str(folder)]) == 1
    out = capsys.readouterr().out
    fourth = out[out.index("(labelled before first run (4), written blind)") :]
    assert "number" in fourth and "KHÔNG ĐẠT" in fourth
    assert "phần giữ riêng" not in fourth
