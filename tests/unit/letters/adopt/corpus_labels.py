"""The OfferDesk field each placeholder of the offer-like real templates means, labelled by reading each letter.

Only letters a recruiter could adopt are here: offer and employment letters, an employment agreement, an
internship certificate, a greeting letter and a formal letter with names. Invoices, report templates, forms,
a fax cover and a prescription are not letters OfferDesk fills, so they are left out.
None means no OfferDesk field fits (a college, a phone number, a governing-law state): the right answer there is
no suggestion. The labels say what the letter means, not what the mapper happens to say: "INSERT DATE" is the
start date because the letter reads "commencing on INSERT DATE".
"""

from __future__ import annotations

_KINROSS_COMMON: dict[str, str | None] = {
    "SITE SUBSIDIARY NAME": "company.name",
    "DATE": "offer.start_date",  # "commencing on INSERT DATE"
    "SITE LOCATION": "offer.location",  # "This position is based out of INSERT SITE LOCATION"
    "JOB TITLE": "offer.title",
    "STATE": None,  # "governed by the laws of the State of INSERT STATE"
    "HR CONTACT": "recruiter.name",  # "returning a copy to INSERT HR CONTACT"
}

LABELS: dict[str, dict[str, str | None]] = {
    "docxtpl/abhishekraut01_offer_letter_template.docx": {
        "first_name": "candidate.first_name",
        "Post": "offer.title",  # "We are pleased to offer you the post of {{Post }}"
        "Location": "offer.location",  # "based at {{Location }}"
    },
    "docxtpl/lohith1804_offerletter1.docx": {
        "today_date": "letter.date",
        "submission_date": None,  # "your letter dated on {{submission_date}}": the student's own letter
        "branch": None,  # the branch of study
        "college": None,
        "name": "candidate.full_name",
        "reg_no": None,
        "authorizer": "signatory.name",
    },
    "docxtpl/surbhibh_work_assignment_offer.docx": {
        "Agent_Name": "candidate.full_name",
        "Agent_Email": "candidate.email",
        "Todays_Date": "letter.date",
        "Vendor_Name": "offer.title",  # "an offer of employment … as {{ Vendor_Name }} (Non-Voice)"
        "Date_of_Joining": "offer.start_date",
        "Process": "offer.title",  # "Designation: {{ Process }}"
    },
    "docxtpl/techiehelp_certificate_template.docx": {
        "name": "candidate.full_name",
        "student_id": None,
        "college_name": None,
        "domain": "offer.department",  # "completed the internship in “{{domain}}”"
        "start_date": "offer.start_date",
        "end_date": "offer.end_date",
    },
    "mergefield/daniel2483_carta_generica_RS.docx": {
        "current_date": "letter.date",
        "send_to": "candidate.full_name",  # the addressee
        "department": "offer.department",
        "greetings": None,  # the greeting line
        "reason_to_contact": None,  # the letter's body text
        "person_name": "signatory.name",  # "Atte. «person_name»": who signs
        "id_number": None,
        "codigo": None,
    },
    "mergefield/py100_greetings_template.docx": {
        "NAME": "candidate.full_name",
        "ADDRESS": "candidate.location",
        "PHONE": None,
    },
    "other_placeholders/kinross_offer_letter_hourly_espp.docx": {
        "Employee Name": "candidate.full_name",
        "Insert Address": "candidate.location",
        **_KINROSS_COMMON,
    },
    "other_placeholders/kinross_offer_letter_intern.docx": {
        "Employee Name": "candidate.full_name",
        "XX#1": None,  # "the maximum period of your employment is XX months": no such term
        "$XX.XX#1": "offer.base",  # "Your starting hourly wage will be US $XX.XX/hour"
        "XXXX#1": None,  # "governed by the laws of the State of XXXX"
        **_KINROSS_COMMON,
    },
    "other_placeholders/kinross_offer_letter_internal_promotion.docx": {
        "INSERT YEAR": None,
        **_KINROSS_COMMON,
    },
    "other_placeholders/modelearth_volunteer_offer_letter_hash.docx": {
        "name": "candidate.full_name",
        "email": "candidate.email",
        "phone": None,
        "github": None,
        "schoolDegree": None,
        "optDepartment": None,  # "OPT University Department": the university's, not the role's
        "optContact": None,
        "jobTitle": "offer.title",
        "workingHours": "offer.hours_per_week",
        "startDate": "offer.start_date",
        "todaysDate": "letter.date",
    },
    "other_placeholders/openagreements_ciiaa.fill.docx": {
        "company_name": "company.name",
        "employee_name": "candidate.full_name",
        "effective_date": "offer.start_date",  # the agreement takes effect when employment starts
        "prior_inventions_disclosure": None,
        "excluded_inventions_statement": None,
        "return_of_materials_timing": None,
        "post_termination_assistance": None,
        "governing_law": None,
        "venue": None,
        "company_signatory_name": "signatory.name",
        "company_signatory_title": "signatory.title",
    },
    "other_placeholders/openagreements_employment_offer_letter_california.fill.docx": {
        "employer_name": "company.name",
        "employee_name": "candidate.full_name",
        "position_title": "offer.title",
        "employment_type": "offer.employment_type",
        "start_date": "offer.start_date",
        "reporting_manager": "offer.reports_to",
        "base_salary": "offer.base",
        "bonus_terms": "offer.bonus",
        "equity_terms": "offer.equity.units",
        "work_location": "offer.location",
        "governing_law": None,
        "offer_expiration_date": "offer.expires_on",
        "employer_signatory_name": "signatory.name",
        "employer_signatory_title": "signatory.title",
    },
    "other_placeholders/ravikiranrpa_uipath_internship_offer_bareword.docx": {
        # bare words in the text; no finder reports them today, so they count only once one does
        "DateofIssue": "letter.date",
        "StudentName": "candidate.full_name",
        "StartDate": "offer.start_date",
        "EndDate": "offer.end_date",
        "Amount": "offer.base",  # "Rs.Amount/- as stipend"
    },
}
