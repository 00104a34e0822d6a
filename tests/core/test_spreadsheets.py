"""Excel workbooks (.xlsx) read as the same table a CSV file gives, and written from the same rows
(calculators/spreadsheets.py); issue 25's Excel findings and bad inputs. Runs under Pyodide too,
where the test run loads openpyxl's wheels as the page does."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import re
import zipfile

import pytest

openpyxl = pytest.importorskip("openpyxl")

from calculators import api, file_reading, registry, spreadsheets  # noqa: E402
from calculators.invalid_input import InvalidInput  # noqa: E402

COMMITMENTS = "ref,measure,quantity,years\nSV1,apprenticeships,2,3\nSV2,volunteering-hours,600,3\n"


def workbook(*rows, title="Commitments", more_sheets=()) -> bytes:
    """An .xlsx of these rows on one sheet (and any more sheets: (title, rows))."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for name, extra in more_sheets:
        other = book.create_sheet(name)
        for row in extra:
            other.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def refused(data: bytes, name: str = "plan.xlsx") -> str:
    with pytest.raises(InvalidInput) as caught:
        spreadsheets.table(data, name)
    (error,) = caught.value.errors
    return error["message"]


def opened(name: str, files: list[dict]) -> dict:
    return json.loads(api.open_files(name, json.dumps(files)))


def as_base64(name: str, data: bytes) -> dict:
    return {"name": name, "base64": base64.b64encode(data).decode("ascii")}


def rewritten(data: bytes, part: str, change) -> bytes:
    """A copy of a workbook with one part's XML changed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info.filename, change(content.decode()).encode() if info.filename == part else content)
    return out.getvalue()


# Issue 25, finding 4: an .xlsx was refused with "The file needs a header row", and nothing said what to do.

def test_an_xlsx_file_opens_in_the_form_as_its_csv_does():
    data = workbook(("ref", "measure", "quantity", "years"), ("SV1", "apprenticeships", 2, 3),
                    ("SV2", "volunteering-hours", 600, 3))
    from_xlsx = opened("valuation", [as_base64("commitments.xlsx", data)])
    from_csv = opened("valuation", [{"name": "commitments.csv", "text": COMMITMENTS}])
    assert from_xlsx["ok"], from_xlsx["errors"]
    assert from_xlsx["form"] == from_csv["form"] and from_xlsx["result"] == from_csv["result"]
    assert from_xlsx["message"] == from_csv["message"]


def test_numbers_excel_dates_percentages_and_text_are_read_as_the_spreadsheet_shows_them():
    data = workbook(("ref", "measure", "quantity", "years", "deadweight", "due", "label", "proxy"),
                    ("SV1", "apprenticeships", 2.5, 3, 0.25, dt.datetime(2029, 3, 31), "=not a formula", 0.1 + 0.2),
                    (7, "volunteering-hours", 600.0, 1e-05, 25, dt.date(2028, 1, 1), True, 2400000))
    book = openpyxl.load_workbook(io.BytesIO(data))
    book.active["E2"].number_format = "0%"  # Excel's 25%: 0.25 formatted as a percentage
    book.active["G2"].data_type = "s"
    out = io.BytesIO()
    book.save(out)
    header, rows = spreadsheets.table(out.getvalue(), "plan.xlsx")
    assert header == ["ref", "measure", "quantity", "years", "deadweight", "due", "label", "proxy"]
    assert rows == [
        (2, {"ref": "SV1", "measure": "apprenticeships", "quantity": "2.5", "years": "3", "deadweight": "25%",
             "due": "2029-03-31", "label": "=not a formula", "proxy": "0.3"}),
        (3, {"ref": "7", "measure": "volunteering-hours", "quantity": "600", "years": "0.00001", "deadweight": "25",
             "due": "2028-01-01", "label": "true", "proxy": "2400000"})]


def test_rows_are_numbered_as_the_sheet_shows_them_and_blank_rows_are_skipped():
    data = workbook((), ("measure", "quantity", "years", None, "notes"), (None,), ("apprenticeships", 2, 3, "x", "n"),
                    (None, " ", None), ("volunteering-hours", 5, 1))
    header, rows = spreadsheets.table(data, "plan.xlsx")
    assert header == ["measure", "quantity", "years", "", "notes"]
    assert [number for number, _ in rows] == [4, 6]
    assert rows[0][1] == {"measure": "apprenticeships", "quantity": "2", "years": "3", "notes": "n"}
    assert rows[1][1]["notes"] == ""  # an empty cell, as a CSV row has


def test_a_problem_in_a_row_names_the_sheet_row_and_column_like_a_csv_file():
    data = workbook(("measure", "quantity", "years"), ("apprenticeships", "lots", 3))
    reply = opened("valuation", [as_base64("plan.xlsx", data)])
    assert not reply["ok"] and "(row 2, column 'quantity' of the file)" in reply["errors"][0]["message"]


def test_several_sheets_the_one_named_like_the_template_is_read():
    notes = ("Instructions", [("Fill in the Commitments sheet",)])
    data = workbook(("measure", "quantity", "years"), ("apprenticeships", 2, 3), title="Read me first",
                    more_sheets=[("Commitments ", [("measure", "quantity", "years"), ("volunteering-hours", 9, 1)]), notes])
    assert spreadsheets.table(data, "plan.xlsx")[1] == [(2, {"measure": "volunteering-hours", "quantity": "9", "years": "1"})]
    # A workbook whose other sheets are empty (Excel once made three) reads its one sheet of rows.
    data = workbook(title="Sheet1", more_sheets=[("Sheet2", [("measure", "quantity", "years"), ("apprenticeships", 1, 1)]),
                                                 ("Sheet3", [])])
    assert spreadsheets.table(data, "plan.xlsx")[1][0][1]["measure"] == "apprenticeships"


def test_several_sheets_and_none_like_the_template_is_refused_naming_them():
    data = workbook(("measure", "quantity", "years"), ("apprenticeships", 2, 3), title="Plan A",
                    more_sheets=[("Plan B", [("measure",), ("apprenticeships",)])])
    message = refused(data)
    assert message.startswith("plan.xlsx has 2 sheets with something in them ('Plan A' and 'Plan B')")
    assert "'Commitments' or 'Delivery report'" in message


def test_a_formula_is_read_by_its_saved_value_and_one_without_is_named_by_its_cell():
    data = workbook(("measure", "quantity", "years"), ("apprenticeships", "=1+1", 3))
    message = refused(data)
    assert message.startswith("Sheet 'Commitments' of plan.xlsx, cell B2 (row 2, column 'quantity') holds a formula "
                              "with no saved value")
    saved = rewritten(data, "xl/worksheets/sheet1.xml", lambda xml: re.sub(r"<f>1\+1</f><v\s*/>|<f>1\+1</f><v></v>",
                                                                           "<f>1+1</f><v>2</v>", xml))
    assert spreadsheets.table(saved, "plan.xlsx")[1] == [(2, {"measure": "apprenticeships", "quantity": "2", "years": "3"})]
    error = rewritten(data, "xl/worksheets/sheet1.xml", lambda xml: re.sub(
        r'<c r="B2"[^>]*>.*?</c>', '<c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c>', xml))
    assert "cell B2 (row 2, column 'quantity') holds the error #DIV/0!" in refused(error)


def test_merged_cells_in_the_table_are_refused_naming_them():
    book = openpyxl.load_workbook(io.BytesIO(workbook(("measure", "quantity", "years"), ("apprenticeships", 2, 3),
                                                       (None, 4, 3))))
    book.active.merge_cells("A2:A3")
    out = io.BytesIO()
    book.save(out)
    assert refused(out.getvalue()).startswith("Sheet 'Commitments' of plan.xlsx: cells A2:A3 are merged")


@pytest.mark.parametrize("data, name, says", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "plan.xls", "plan.xls is an old Excel workbook (.xls"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600) + "EncryptedPackage".encode("utf-16-le") + bytes(100), "plan.xlsx",
     "plan.xlsx is locked with a password"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "plan.xlsx", "plan.xlsx is not a spreadsheet: it is a PNG picture"),
    (b"measure,quantity\n", "plan.xlsx", "plan.xlsx is named like a workbook but holds text"),
    ("label,quantity\nCaf\u00e9 jobs,2\n".encode(), "plan.xlsx", "plan.xlsx is named like a workbook but holds text"),
    (b"\x00\x01\x02garbage", "plan.xlsx", "plan.xlsx is not an Excel workbook (.xlsx), or it is damaged"),
])
def test_files_that_are_not_xlsx_workbooks_are_named_for_what_they_are(data, name, says):
    assert refused(data, name).startswith(says)


def test_an_ods_spreadsheet_is_named():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as ods:
        ods.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")  # stored first, as ODF requires
        ods.writestr("content.xml", "<office:document-content/>")
    assert refused(out.getvalue(), "plan.ods").startswith("plan.ods is an OpenDocument spreadsheet (.ods)")


def test_a_damaged_workbook_is_refused_and_nothing_is_half_read():
    data = workbook(("measure", "quantity", "years"), ("apprenticeships", 2, 3))
    assert "is damaged" in refused(data[: len(data) // 2])
    broken = rewritten(data, "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])
    assert refused(broken).startswith("plan.xlsx is damaged: part of it could not be read")
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "is a zip file, not an Excel workbook" in refused(plain_zip.getvalue())


def test_an_xml_bomb_is_refused():
    data = workbook(("measure", "quantity", "years"), ("apprenticeships", 2, 3))
    entities = '<!DOCTYPE worksheet [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    bomb = rewritten(data, "xl/worksheets/sheet1.xml",
                     lambda xml: entities + xml[xml.index("<worksheet"):].replace("apprenticeships", "&lol2;"))
    assert refused(bomb).startswith("plan.xlsx is damaged")


def test_a_workbook_that_unpacks_beyond_the_limit_is_refused_before_it_is_unpacked():
    data = workbook(("measure", "quantity", "years"), ("apprenticeships", 2, 3))
    with pytest.raises(InvalidInput) as caught:
        spreadsheets.table(data, "plan.xlsx", limit=1_000)
    assert "plan.xlsx unpacks to more than" in caught.value.errors[0]["message"]
    bomb = io.BytesIO(data)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as archive:  # 101 MB of zeros, about 100 kB packed
        with archive.open("xl/media/zeros.bin", "w") as part:
            for _ in range(101):
                part.write(bytes(1_000_000))
    assert len(bomb.getvalue()) < 1_000_000
    assert refused(bomb.getvalue()).startswith("plan.xlsx unpacks to more than 100 MB")


def test_a_header_that_names_a_column_twice_or_an_empty_sheet():
    assert refused(workbook(("measure", "quantity", "measure"), ("a", 1, "b"))) == (
        "Sheet 'Commitments' of plan.xlsx: The header names the column 'measure' twice. Keep one of them")
    assert refused(workbook()) == "Sheet 'Commitments' of plan.xlsx is empty: its first row must name the columns"


def test_writing_rows_and_reading_them_back_gives_the_same_table():
    header, rows = file_reading.table(COMMITMENTS + "SV3,carbon-avoided,1.25,2\n")
    typed = [{**row, "quantity": float(row["quantity"]), "years": int(row["years"])} for _, row in rows]
    data = spreadsheets.write(typed, header, "Commitments")
    assert spreadsheets.table(data, "back.xlsx") == (header, rows)
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["Commitments"]
    assert sheet.freeze_panes == "A2" and sheet["C2"].value == 2 and sheet["C4"].value == 1.25


def test_text_is_never_written_as_a_formula_and_dates_are_dates():
    data = spreadsheets.write([{"ref": "=HYPERLINK(\"x\")", "due": "2029-03-31", "label": "-5 tonnes", "years": 3}],
                              ("ref", "due", "label", "years"), "Commitments")
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Commitments"]
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == '=HYPERLINK("x")'
    assert sheet["B2"].value == dt.datetime(2029, 3, 31) and sheet["B2"].number_format == "yyyy-mm-dd"
    assert spreadsheets.table(data, "x.xlsx")[1][0][1] == {"ref": '=HYPERLINK("x")', "due": "2029-03-31",
                                                           "label": "-5 tonnes", "years": "3"}


@pytest.mark.parametrize("name, key", [("valuation", "commitments"), ("monitoring", "delivery-report")])
def test_the_commitments_file_and_the_delivery_report_download_as_xlsx_and_open_again(name, key):
    calculator = registry.get(name)
    result = api.run(name, calculator.example)
    reply = json.loads(api.download_xlsx(name, json.dumps(result["inputs"]), key))
    assert reply["ok"] and reply["filename"] == {"commitments": "commitments.xlsx",
                                                 "delivery-report": "delivery-report.xlsx"}[key]
    data = base64.b64decode(reply["base64"])
    rows, columns = calculator.download_tables(result)[key]
    header, table = spreadsheets.table(data, reply["filename"])
    assert header == list(columns) and len(table) == len(rows)
    csv_header, csv_table = file_reading.table(calculator.download_texts(result)[key])
    assert (header, table) == (csv_header, csv_table)  # the same rows as the CSV download
    again = opened(name, [as_base64(reply["filename"], data)])
    from_csv = opened(name, [{"name": "download.csv", "text": calculator.download_texts(result)[key]}])
    assert again["ok"] and again["result"] == from_csv["result"] and again["form"] == from_csv["form"]
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames == [spreadsheets.SHEETS[key]]


def test_a_download_for_inputs_that_are_not_valid_says_why():
    reply = json.loads(api.download_xlsx("valuation", "{}", "commitments"))
    assert not reply["ok"] and reply["errors"][0]["field"] == "lines"
    assert json.loads(api.download_xlsx("valuation", "{}", "nonsense"))["ok"] is False
    assert json.loads(api.download_xlsx("nonsense", "{}", "commitments"))["ok"] is False


def test_base64_that_is_not_base64_and_a_csv_sent_as_bytes():
    reply = opened("valuation", [{"name": "a.xlsx", "base64": "not base64!"}])
    assert reply["errors"] == [{"field": "", "message": api.FILES_NOT_READ}]
    reply = opened("valuation", [as_base64("commitments.csv", COMMITMENTS.encode())])
    assert reply["ok"] and len(reply["result"]["lines"]) == 2
