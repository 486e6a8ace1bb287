"""Inviting many people from a CSV file: every row is done whole or refused
with its reason, and the file itself never causes a 500."""

import pytest
from django.urls import reverse

from apps.clinics.csv_import import MAX_BYTES, CsvFileError, rows_parse
from apps.clinics.models import Invitation

HEADER = "email,full_name,role,primary_clinician\n"


def upload(client, content: bytes, name="people.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("clinics:invitations_upload"),
        {"file": SimpleUploadedFile(name, content, content_type="text/csv")},
    )


def test_it_invites_the_good_rows_and_says_why_the_others_failed(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(world.admin)
    content = (
        HEADER
        + "nia@maple.test,Nia,patient,alice@maple.test\n"
        + "not-an-email,Bad,patient,alice@maple.test\n"
        + "bob@maple.test,Bob Again,clinician,\n"
        + "ola@maple.test,Ola,surgeon,\n"
        + '=HYPERLINK("http://evil"),x,patient,alice@maple.test\n'
        + "zed@maple.test,@SUM(A1),clinician,\n"
        + "nia@maple.test,Nia twice,patient,alice@maple.test\n"
        + "pia@maple.test,Pia,patient,charlie@birch.test\n"
        + "cal@maple.test,Cal,clinician,\n"
    ).encode()
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, content)
    assert response.status_code == 200
    refused = {row.number: row.error for row in response.context["refused"]}
    assert refused == {
        3: "not a valid email address",
        4: "already a member of this clinic",
        5: "unknown role (use one of: admin, clinician, patient)",
        6: "email starts like a spreadsheet formula",
        7: "full_name starts like a spreadsheet formula",
        8: "the same email appears earlier in the file",
        9: "primary_clinician is not an active clinician of this clinic",
    }
    assert sorted(Invitation.objects.values_list("email", flat=True)) == [
        "cal@maple.test",
        "nia@maple.test",
    ]
    assert sorted(m.to[0] for m in mailoutbox) == ["cal@maple.test", "nia@maple.test"]
    assert b"starts like a spreadsheet formula" in response.content


def test_a_second_upload_of_the_same_file_invites_nobody_twice(world, client):
    client.force_login(world.admin)
    content = (HEADER + "nia@maple.test,Nia,patient,alice@maple.test\n").encode()
    upload(client, content)
    response = upload(client, content)
    assert [row.error for row in response.context["refused"]] == [
        "already invited (resend that invitation instead)"
    ]
    assert Invitation.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"email;role\nnia@maple.test;patient\n", "missing: email, role"),
        (HEADER.encode("utf-16"), "not UTF-8"),
        ((HEADER + "é,x,patient,\n").encode("latin-1"), "not UTF-8"),
        (HEADER.encode() + b"a" * MAX_BYTES, "larger than"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not"),
    ],
    ids=["empty", "wrong-columns", "utf16", "latin1", "oversized", "binary"],
)
def test_a_file_it_cannot_read_is_explained_and_nobody_is_invited(world, client, content, reason):
    client.force_login(world.admin)
    response = upload(client, content)
    assert response.status_code == 400
    assert reason in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_utf8_file_with_a_bom_from_excel_is_read():
    rows = rows_parse("\ufeff".encode() + (HEADER + "nia@maple.test,Nïa,patient,a@b.c\n").encode())
    assert rows[0].values["full_name"] == "Nïa" and not rows[0].error


def test_too_many_rows_are_refused_as_a_whole():
    content = HEADER + "".join(f"p{i}@maple.test,,clinician,\n" for i in range(501))
    with pytest.raises(CsvFileError, match="More than 500"):
        rows_parse(content.encode())


def test_script_in_a_name_comes_back_escaped_in_the_report(world, client):
    client.force_login(world.admin)
    content = (HEADER + "x,<script>alert(1)</script>,patient,\n").encode()
    response = upload(client, content)
    assert b"<script>alert(1)</script>" not in response.content


def test_only_admins_can_upload(world, client):
    client.force_login(world.alice)
    assert upload(client, HEADER.encode()).status_code == 404
    client.force_login(world.charlie)
    assert upload(client, HEADER.encode()).status_code == 404


def test_any_bytes_at_all_get_an_answer_not_a_500(world):
    from django.test import Client
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    client = Client(raise_request_exception=False)
    client.force_login(world.admin)
    cells = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
    csv_text = st.lists(st.lists(cells, max_size=6), max_size=8).map(
        lambda rows: HEADER + "\n".join(",".join(row) for row in rows)
    )

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.one_of(st.binary(max_size=400), csv_text.map(str.encode)))
    def run(content):
        response = upload(client, content)
        assert response.status_code in (200, 400)

    run()


@pytest.mark.parametrize("cell", [" =1+1", "  @SUM(A1)", " +cmd", "\t=1"])
def test_a_formula_behind_spaces_is_refused_too(cell):
    [row] = rows_parse(f"email,full_name,role\nnia@maple.test,{cell},patient\n".encode())
    assert row.error == "full_name starts like a spreadsheet formula"


def test_a_language_column_sets_each_invitations_language_and_refuses_an_unknown_one(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(world.admin)
    content = (
        "email,full_name,role,primary_clinician,language\n"
        "lu@maple.test,Lucía,patient,alice@maple.test,es\n"
        "al@maple.test,Al,patient,alice@maple.test,\n"
        "fr@maple.test,Fleur,patient,alice@maple.test,fr\n"
    ).encode()
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, content)
    refused = {row.number: row.error for row in response.context["refused"]}
    assert refused == {4: "unknown language (use one of: en, es, or leave it blank)"}
    languages = dict(Invitation.objects.values_list("email", "language"))
    assert languages == {"lu@maple.test": "es", "al@maple.test": ""}
    subjects = {m.to[0]: m.subject for m in mailoutbox}
    assert subjects["lu@maple.test"].startswith("Te invitan")
    assert subjects["al@maple.test"].startswith("You're invited")
