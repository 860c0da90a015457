"""What each applicant tracking system calls its columns when it exports candidates.

A profile lists the column names an ATS writes (`columns`, by target field; None for a column that fills no
candidate field, so that a general synonym does not claim it) and the names distinctive enough to recognise the
system by (`signature`, compared after normalising; `exact`, compared as written, for camelCase field names).
The comment above each profile names where its column names come from.
"""

from __future__ import annotations

from dataclasses import dataclass

from offerdesk.importing.fields import ImportField

F = ImportField


@dataclass(frozen=True)
class AtsProfile:
    name: str
    columns: dict[ImportField | None, str]  # field -> "Name | Other name"
    signature: str  # "Name | Other name"
    exact: str = ""


PROFILES: tuple[AtsProfile, ...] = (
    # Greenhouse Recruiting: the candidate export columns and the bulk-import template's default fields
    # (support.greenhouse.io, "Bulk import candidates from spreadsheet").
    AtsProfile(
        "greenhouse",
        {
            F.EXTERNAL_ID: "Candidate ID",
            F.ROLE: "Job",
            F.STAGE: "Current Stage",
            F.RECRUITER: "Recruiter",
            F.LINKS: "Social Media | Website",
            F.LOCATION: "Address | Location",
            None: "Coordinator | Application Date | Company | Title | Who gets credit | Department | Office | "
            "Milestone | Status | Prospect Pool | Prospect Stage | Hiring Manager | Last Activity | Job ID | "
            "Requisition ID | Rejection Reason | Referrer",
        },
        "Candidate ID | Current Stage | Coordinator | Who gets credit | Milestone | Application Date | "
        "Last Activity | Prospect Pool | Prospect Stage",
    ),
    # Lever: the candidate export ("Name", "Contact ID", "Posting", "Origin", "Owner" ...) and the self-service
    # migration template (help.lever.co: Full-Name, Date-Added, Archive-Reason, Archive-Date, Sources, Origin).
    AtsProfile(
        "lever",
        {
            F.FULL_NAME: "Name | Full-Name",
            F.EXTERNAL_ID: "Contact ID",
            F.ROLE: "Posting",
            F.RECRUITER: "Owner",
            F.SOURCE: "Source | Sources",
            F.LINKS: "Links",
            None: "Origin | Current Company | Opportunity ID | Date-Added | Archive-Reason | Archive-Date | "
            "Headline | Posting Location | Posting Team | Posting Owner | Hiring Manager",
        },
        "Contact ID | Opportunity ID | Origin | Posting | Current Company | Owner | Links | Archive-Reason | "
        "Date-Added",
    ),
    # Workable: the candidates CSV export (Name, Email, Phone, Job, Stage, Source, Tags, Address, Created at)
    # and the candidate object of its API (headline, disqualified, disqualification_reason, cover_letter ...).
    AtsProfile(
        "workable",
        {
            F.ROLE: "Job",
            F.LOCATION: "Address",
            F.NOTES: "Cover letter | Summary",
            None: "Created at | Headline | Disqualified | Disqualified at | Disqualification reason | Sourced | "
            "Sourced by | Domain",
        },
        "Job | Stage | Address | Created at | Disqualified | Disqualified at | Disqualification reason | Headline",
    ),
    # Personio: "Export application data" columns (support.personio.de) and its applications import template
    # (first name, last name, email, status, job name, recruiting channel, application tags, comments).
    AtsProfile(
        "personio",
        {
            F.EXTERNAL_ID: "Candidate ID",
            F.FULL_NAME: "Candidate name",
            F.EMAIL: "Email address",
            F.PHONE: "Phone number",
            F.LOCATION: "Candidate location",
            F.STAGE: "Final status | Status",
            F.SOURCE: "Application channel | Recruiting channel",
            F.TAGS: "Application tags",
            F.ROLE: "Position | Job name",
            F.NOTES: "Comments",
            None: "Final phase | Final phase date | Final status date | Application ID | Application date | "
            "Application rejection reason | Days in current phase | Gender | Birthday | Available from | "
            "Expected salary | Disqualification date | Disqualification reason | Disqualification note",
        },
        "Candidate name | Final phase | Final phase date | Final status | Final status date | Application channel | "
        "Application tags | Application rejection reason | Days in current phase | Available from | "
        "Candidate location | Recruiting channel | Job name",
    ),
    # SmartRecruiters: the Applications report fields (help.smartrecruiters.com: applicationID, applicationStage,
    # appliedVia, candidateEmail ...) and the Applicant Flow report (Job name, Candidate first/last name).
    AtsProfile(
        "smartrecruiters",
        {
            F.FIRST_NAME: "candidateFirstName | Candidate first name",
            F.LAST_NAME: "candidateLastName | Candidate last name",
            F.EMAIL: "candidateEmail",
            F.PHONE: "candidatePhoneNumber",
            F.LOCATION: "candidateLocation | Job location",
            F.EXTERNAL_ID: "candidateProfileId | candidateId",
            F.STAGE: "applicationStage",
            F.ROLE: "jobTitle | Job name",
            None: "applicationID | applicationStep | applicationCreationDate | applicationLastUpdate | appliedVia | "
            "applicationReasonOfRejection | applicationReasonOfWithdrawal | applicationRejectedAfter | "
            "applicationWithdrawalAfter | candidateEthnicity",
        },
        "applicationID | applicationStage | applicationStep | applicationCreationDate | applicationLastUpdate | "
        "appliedVia | candidateEmail | candidateProfileId | applicationReasonOfRejection",
    ),
    # Bullhorn: entity field names as its Data Loader reads them (bullhorn/dataloader examples/load/Candidate.csv,
    # JobSubmission.csv, and the integration-test candidate files).
    AtsProfile(
        "bullhorn",
        {
            F.FULL_NAME: "name",
            F.EMAIL: "email | email2 | email3",
            F.PHONE: "phone | phone2 | phone3 | mobile | workPhone",
            F.LOCATION: "address.city | address.state | address.countryName",
            F.STAGE: "status",
            F.SOURCE: "source",
            F.RECRUITER: "owner.name | sendingUser.name",
            F.EXTERNAL_ID: "externalID | candidate.externalID",
            F.ROLE: "jobOrder.externalID",
            F.NOTES: "comments | description",
            F.TAGS: "categories.name",
            None: "middleName | nickName | occupation | companyName | companyURL | address.address1 | "
            "address.address2 | address.zip | recruiterUserID | migrateGUID | dateAdded | dateAvailable | "
            "referredBy | type | category | skillSet | primarySkills.name | secondarySkills.name",
        },
        "address.city | address.countryName | owner.name | migrateGUID | customText1 | customDate1 | "
        "customTextBlock1 | candidate.externalID | jobOrder.externalID | sendingUser.name",
        exact="firstName | lastName | externalID | owner.name | address.city | address.state | email2 | email3 | "
        "workPhone | dateAdded | recruiterUserID | massMailOptOut",
    ),
    # Recruitee: the CSV importer's template columns (support.recruitee.com, "CSV Importer": Name, Jobs, Emails,
    # Phones, Tags, Sources, Links, Social Links, Cover Letter).
    AtsProfile(
        "recruitee",
        {
            F.ROLE: "Jobs | Job",
            F.LINKS: "Links | Social Links",
            F.NOTES: "Cover Letter",
        },
        "Jobs | Emails | Phones | Sources | Social Links",
    ),
    # Odoo Recruitment: hr.applicant as Odoo's export writes it, by label ("Applicant's Name", "Job Position")
    # or, in an import-compatible export, by field name (partner_name, email_from, stage_id ...).
    AtsProfile(
        "odoo",
        {
            F.FULL_NAME: "Applicant's Name | Contact Name | Candidate | partner_name",
            F.EMAIL: "email_from",
            F.PHONE: "Mobile | partner_phone | partner_mobile",
            F.ROLE: "Job Position | Applied Job | job_id",
            F.STAGE: "stage_id",
            F.TAGS: "categ_ids",
            F.SOURCE: "source_id",
            F.RECRUITER: "Recruiter | user_id",
            F.NOTES: "Description",
            F.LINKS: "LinkedIn Profile",
            None: "name | Subject / Application Name | Subject / Application | Medium | Interviewers | Degree | "
            "Department | Expected Salary | Proposed Salary | Availability | Applied on | Last Stage Update | "
            "Priority | Evaluation",
        },
        "Applicant's Name | Contact Name | Job Position | Subject / Application Name | Subject / Application | "
        "Medium | Proposed Salary | Last Stage Update | Interviewers | partner_name | email_from | partner_phone | "
        "stage_id | job_id | categ_ids | source_id | user_id",
    ),
    # OpenCATS: the candidate fields of its import module (modules/import/ImportUI.php: Full Name, Cell Phone,
    # Key Skills, email1 ...) and the matching columns of its candidate table.
    AtsProfile(
        "opencats",
        {
            F.FULL_NAME: "Full Name",
            F.LOCATION: "City | State",
            F.PHONE: "Home Phone | Cell Phone | Work Phone | phone_home | phone_cell | phone_work",
            F.EMAIL: "Email | Email 2 | email1 | email2",
            F.LINKS: "Web Site | web_site",
            F.TAGS: "Key Skills | key_skills",
            F.EXTERNAL_ID: "candidate_id",
            None: "Address | Zip | Current Employer | current_employer | Date Available | Can Relocate",
        },
        "Key Skills | Current Employer | Cell Phone | Home Phone | Work Phone | email1 | Can Relocate | Date Available",
    ),
    # Frappe HR: the Job Applicant doctype (frappe/hrms job_applicant.json: applicant_name, email_id, phone_number,
    # job_title, status, source, country ...), by field name or by label; "name" is the document ID there.
    AtsProfile(
        "frappe",
        {
            F.FULL_NAME: "applicant_name | Applicant Name",
            F.EMAIL: "email_id | Email Address",
            F.PHONE: "phone_number | Phone Number",
            F.LOCATION: "country",
            F.ROLE: "job_title | Job Opening",
            F.LINKS: "resume_link | Resume Link",
            F.NOTES: "notes | cover_letter",
            F.EXTERNAL_ID: "name | ID",
            None: "designation | Designation | source_name | Source Name | employee_referral | applicant_rating | "
            "resume_attachment | currency | lower_range | upper_range",
        },
        "applicant_name | email_id | Job Opening | source_name | Source Name | employee_referral | "
        "applicant_rating | resume_attachment | resume_link | Resume Link | lower_range | upper_range",
    ),
)
