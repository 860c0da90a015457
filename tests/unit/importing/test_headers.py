"""Which ATS wrote a file, and the column mapping guessed for it, on files written from each one's documented
column names (a header line and two rows each)."""

from __future__ import annotations

import pytest

from offerdesk.importing.fields import ImportField
from offerdesk.importing.headers import ATS_FORMATS, detect_format, guess_mapping, header_key, normalise_header
from offerdesk.importing.reader import read_text_table
from offerdesk.importing.synonyms import GENERIC_SYNONYMS

F = ImportField

EXPORTS: dict[str, tuple[str, dict[str, ImportField | None]]] = {
    "greenhouse": (
        "First Name,Last Name,Email,Phone,Job,Current Stage,Source,Recruiter,Coordinator,Tags,Application Date,"
        "Candidate ID\n"
        "Ann,Lee,ann@x.org,+1 555 0100,Backend Engineer,Phone Screen,LinkedIn,Rita R,Carl C,python,2024-03-01,101\n"
        "Bo,Ek,bo@x.org,,Designer,Offer,Referral,Rita R,,,2024-03-02,102\n",
        {
            "First Name": F.FIRST_NAME, "Last Name": F.LAST_NAME, "Email": F.EMAIL, "Phone": F.PHONE,
            "Job": F.ROLE, "Current Stage": F.STAGE, "Source": F.SOURCE, "Recruiter": F.RECRUITER,
            "Coordinator": None, "Tags": F.TAGS, "Application Date": None, "Candidate ID": F.EXTERNAL_ID,
        },
    ),
    "lever": (
        "Name,Email,Phone,Location,Current Company,Stage,Origin,Source,Tags,Owner,Posting,Links,Contact ID\n"
        "Ann Lee,ann@x.org,555,Berlin,Acme,New lead,sourced,LinkedIn,go,Rita,SRE,https://a.dev,c-1\n"
        "Bo Ek,bo@x.org,,Oslo,,Offer,applied,Careers page,,Rita,PM,,c-2\n",
        {
            "Name": F.FULL_NAME, "Email": F.EMAIL, "Phone": F.PHONE, "Location": F.LOCATION,
            "Current Company": None, "Stage": F.STAGE, "Origin": None, "Source": F.SOURCE, "Tags": F.TAGS,
            "Owner": F.RECRUITER, "Posting": F.ROLE, "Links": F.LINKS, "Contact ID": F.EXTERNAL_ID,
        },
    ),
    "workable": (
        "Name,Email,Phone,Job,Stage,Source,Tags,Address,Created at\n"
        "Ann Lee,ann@x.org,555,Data Analyst,Interview,Indeed,sql,Athens,2024-03-01\n"
        "Bo Ek,bo@x.org,,Data Analyst,Applied,,,Patras,2024-03-02\n",
        {
            "Name": F.FULL_NAME, "Email": F.EMAIL, "Phone": F.PHONE, "Job": F.ROLE, "Stage": F.STAGE,
            "Source": F.SOURCE, "Tags": F.TAGS, "Address": F.LOCATION, "Created at": None,
        },
    ),
    "personio": (
        "Candidate ID;Candidate name;Email address;Phone number;Position;Final status;Application channel;"
        "Application tags;Candidate location;Final phase\n"
        "7;Anna Schmidt;anna@x.de;0170 1;Buchhaltung;Offer;StepStone;senior;München;Interview 2\n"
        "8;Jonas Weber;jonas@x.de;;Vertrieb;Rejected;Referral;;Hamburg;Screening\n",
        {
            "Candidate ID": F.EXTERNAL_ID, "Candidate name": F.FULL_NAME, "Email address": F.EMAIL,
            "Phone number": F.PHONE, "Position": F.ROLE, "Final status": F.STAGE,
            "Application channel": F.SOURCE, "Application tags": F.TAGS, "Candidate location": F.LOCATION,
            "Final phase": None,
        },
    ),
    "smartrecruiters": (
        "applicationID,candidateFirstName,candidateLastName,candidateEmail,jobTitle,applicationStage,"
        "applicationStep,appliedVia,applicationCreationDate\n"
        "a1,Ann,Lee,ann@x.org,Nurse,INTERVIEW,Panel,APPLIED,2015-12-28T00:00:00\n"
        "a2,Bo,Ek,bo@x.org,Nurse,NEW,,UPLOADED,2016-01-05T17:00:45\n",
        {
            "applicationID": None, "candidateFirstName": F.FIRST_NAME, "candidateLastName": F.LAST_NAME,
            "candidateEmail": F.EMAIL, "jobTitle": F.ROLE, "applicationStage": F.STAGE, "applicationStep": None,
            "appliedVia": None, "applicationCreationDate": None,
        },
    ),
    "bullhorn": (
        "externalID,firstName,lastName,email,email2,phone,mobile,address.city,status,source,owner.name,customText1\n"
        "cand-1,Ann,Lee,ann@x.org,ann@home.org,555,556,Boston,Active,Web,Rita Recruiter,x\n"
        "cand-2,Bo,Ek,bo@x.org,,,,Quincy,Placed,Referral,Rita Recruiter,\n",
        {
            "externalID": F.EXTERNAL_ID, "firstName": F.FIRST_NAME, "lastName": F.LAST_NAME, "email": F.EMAIL,
            "email2": F.EMAIL, "phone": F.PHONE, "mobile": F.PHONE, "address.city": F.LOCATION,
            "status": F.STAGE, "source": F.SOURCE, "owner.name": F.RECRUITER, "customText1": None,
        },
    ),
    "recruitee": (
        "Name,Jobs,Emails,Phones,Tags,Sources,Links,Social Links,Cover Letter\n"
        "Ann Lee,QA Engineer,ann@x.org,555,qa,LinkedIn,https://a.dev,https://linkedin.com/in/a,Hello\n"
        "Bo Ek,QA Engineer,bo@x.org,,,,,,\n",
        {
            "Name": F.FULL_NAME, "Jobs": F.ROLE, "Emails": F.EMAIL, "Phones": F.PHONE, "Tags": F.TAGS,
            "Sources": F.SOURCE, "Links": F.LINKS, "Social Links": F.LINKS, "Cover Letter": F.NOTES,
        },
    ),
    "odoo": (
        "Applicant's Name,Email,Phone,Job Position,Stage,Tags,Source,Recruiter,Subject / Application Name\n"
        "Ann Lee,ann@x.org,555,Chief Technical Officer,Initial Qualification,remote,LinkedIn,Mitchell Admin,CTO\n"
        "Bo Ek,bo@x.org,,Consultant,Contract Proposal,,,Mitchell Admin,Consultant\n",
        {
            "Applicant's Name": F.FULL_NAME, "Email": F.EMAIL, "Phone": F.PHONE, "Job Position": F.ROLE,
            "Stage": F.STAGE, "Tags": F.TAGS, "Source": F.SOURCE, "Recruiter": F.RECRUITER,
            "Subject / Application Name": None,
        },
    ),
    "opencats": (
        "First Name,Last Name,Email,Cell Phone,Home Phone,City,State,Key Skills,Current Employer,Notes\n"
        "Ann,Lee,ann@x.org,555,554,Austin,TX,\"php, mysql\",Acme,Met at fair\n"
        "Bo,Ek,bo@x.org,,,Dallas,TX,java,,\n",
        {
            "First Name": F.FIRST_NAME, "Last Name": F.LAST_NAME, "Email": F.EMAIL, "Cell Phone": F.PHONE,
            "Home Phone": F.PHONE, "City": F.LOCATION, "State": F.LOCATION, "Key Skills": F.TAGS,
            "Current Employer": None, "Notes": F.NOTES,
        },
    ),
    "frappe": (
        "name,applicant_name,email_id,phone_number,job_title,status,source,country,source_name\n"
        "HR-APP-2024-00001,Ann Lee,ann@x.org,555,HR-OPN-0001,Open,Campaign,India,Diwali drive\n"
        "HR-APP-2024-00002,Bo Ek,bo@x.org,,HR-OPN-0001,Accepted,Employee Referral,India,\n",
        {
            "name": F.EXTERNAL_ID, "applicant_name": F.FULL_NAME, "email_id": F.EMAIL, "phone_number": F.PHONE,
            "job_title": F.ROLE, "status": F.STAGE, "source": F.SOURCE, "country": F.LOCATION,
            "source_name": None,
        },
    ),
}  # fmt: skip


@pytest.mark.parametrize("ats", sorted(EXPORTS))
def test_each_ats_export_is_recognised_and_mapped(ats: str) -> None:
    text, expected = EXPORTS[ats]
    table = read_text_table(text.encode("utf-8"), f"{ats}.csv")
    assert len(table.rows) == 2
    assert detect_format(table.headers) == ats
    assert dict(zip(table.headers, guess_mapping(table.headers), strict=True)) == expected


def test_every_ats_has_a_fixture_and_generic_is_the_fallback() -> None:
    assert set(EXPORTS) | {"generic"} == set(ATS_FORMATS)
    assert detect_format(["Name", "Email", "Phone"]) == "generic"
    assert detect_format([]) == "generic"


def test_a_plain_spreadsheet_is_generic_and_mapped_by_synonyms() -> None:
    headers = ["Full Name", "E-mail Address", "Mobile No.", "City", "Country", "LinkedIn", "Comments", "Shoe size"]
    assert detect_format(headers) == "generic"
    assert guess_mapping(headers) == (
        F.FULL_NAME, F.EMAIL, F.PHONE, F.LOCATION, F.LOCATION, F.LINKS, F.NOTES, None,
    )  # fmt: skip


def test_german_french_and_spanish_headings() -> None:
    headers = ["Vorname", "Nachname", "E-Mail", "Telefon", "Ort", "Prénom", "Nom", "Correo", "Teléfono"]
    assert guess_mapping(headers) == (
        F.FIRST_NAME, F.LAST_NAME, F.EMAIL, F.PHONE, F.LOCATION, F.FIRST_NAME, F.LAST_NAME, F.EMAIL, F.PHONE,
    )  # fmt: skip


def test_a_format_can_be_forced_and_an_unknown_one_is_refused() -> None:
    assert guess_mapping(["Name", "Origin"], format="lever") == (F.FULL_NAME, None)
    assert guess_mapping(["Name", "Origin"], format="generic") == (F.FULL_NAME, F.SOURCE)
    assert guess_mapping(["name"], format="frappe") == (F.EXTERNAL_ID,)
    with pytest.raises(ValueError, match="not an import format"):
        guess_mapping(["Name"], format="taleo")


def test_dates_for_privacy_are_recognised() -> None:
    assert guess_mapping(["Consent date", "GDPR consent date", "Retain until", "Delete after"]) == (
        F.CONSENT_DATE, F.CONSENT_DATE, F.RETAIN_UNTIL, F.RETAIN_UNTIL,
    )  # fmt: skip


@pytest.mark.parametrize(
    "header", ["E-mail Address", "email_address", " EMAIL ADDRESS ", "Émail-Addréss", "e.mail address"]
)
def test_normalised_headers_ignore_case_accents_spaces_and_punctuation(header: str) -> None:
    assert normalise_header(header) == "emailaddress"


def test_a_number_sign_reads_as_number() -> None:
    assert normalise_header("Phone #") == "phonenumber"
    assert guess_mapping(["Phone #", "Applicant #"]) == (F.PHONE, F.EXTERNAL_ID)


def test_header_key_is_stable_and_ignores_spelling_differences() -> None:
    key = header_key(["First Name", "E-mail"])
    assert key == header_key(["first_name", "EMAIL"])
    assert key != header_key(["E-mail", "First Name"])
    assert len(key) == 64 and int(key, 16) >= 0


def test_no_generic_synonym_points_at_two_fields() -> None:
    owners: dict[str, ImportField] = {}
    for target, names in GENERIC_SYNONYMS.items():
        for name in names:
            key = normalise_header(name)
            assert owners.setdefault(key, target) == target, f"{name!r} is listed for {owners[key]} and {target}"


def test_every_field_has_a_label_and_generic_synonyms() -> None:
    assert {field.label for field in ImportField} >= {"Full name", "First name", "Email", "Retain until"}
    assert all(field.label and GENERIC_SYNONYMS[field] for field in ImportField)


def test_german_and_romance_words_for_the_candidate_map_to_the_full_name() -> None:
    from offerdesk.importing.fields import ImportField
    from offerdesk.importing.headers import guess_mapping

    assert guess_mapping(("Kandidat", "Bewerberin", "Candidat"), "auto") == (ImportField.FULL_NAME,) * 3
