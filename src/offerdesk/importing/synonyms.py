"""Column names that mean the same candidate field in any export, whichever system or person wrote it.

Each name is compared after `headers.normalise_header`, so "E-mail Address", "email_address" and "EMAIL ADDRESS"
are one entry. The English names are the ones the ATS exports in `ats_profiles` share; German, French and Spanish
cover the common spreadsheet headings of recruiters in those languages (the German set follows the eRecruiter
applicant import's column configuration: Vorname, Nachname, E-Mail, Telefon, Handy, Ort, Land).
"""

from __future__ import annotations

from offerdesk.importing.fields import ImportField

F = ImportField


def _names(text: str) -> tuple[str, ...]:
    """Names written as one "a | b | c" string, so that the table below stays short enough to read."""
    return tuple(name.strip() for name in text.split("|"))


GENERIC_SYNONYMS: dict[ImportField, tuple[str, ...]] = {
    F.FULL_NAME: _names(
        "name | full name | fullname | candidate name | candidate | candidate full name | applicant name | "
        "applicant's name | applicant | contact name | vollständiger name | nom complet | nombre completo | "
        "nombre y apellidos | kandidat | kandidatin | bewerber | bewerberin | candidat | candidata | candidato"
    ),
    F.FIRST_NAME: _names(
        "first name | firstname | first | given name | given names | forename | candidate first name | "
        "vorname | prénom | nombre | nome | voornaam"
    ),
    F.LAST_NAME: _names(
        "last name | lastname | last | surname | family name | candidate last name | nachname | "
        "familienname | nom | nom de famille | apellido | apellidos | cognome | achternaam"
    ),
    F.EMAIL: _names(
        "email | e-mail | email address | e-mail address | emails | email 1 | email 2 | email 3 | "
        "email id | mail | work email | personal email | private email | candidate email | e-mail-adresse | "
        "mailadresse | courriel | adresse e-mail | adresse électronique | correo | correo electrónico | "
        "email personal"
    ),
    F.PHONE: _names(
        "phone | phone number | phone numbers | phones | telephone | telephone number | tel | mobile | "
        "mobile phone | mobile number | mobile no | cell | cell phone | cellphone | home phone | "
        "work phone | phone 1 | phone 2 | contact number | candidate phone | telefon | telefonnummer | "
        "handy | mobil | mobilnummer | mobiltelefon | téléphone | portable | numéro de téléphone | "
        "teléfono | móvil | celular"
    ),
    F.LOCATION: _names(
        "location | city | town | country | region | state | address | candidate location | "
        "current location | city state | ort | wohnort | stadt | land | standort | adresse | ville | pays | "
        "localisation | ciudad | país | ubicación | dirección"
    ),
    F.ROLE: _names(
        "role | job | job title | job name | jobs | position | position title | posting | posting title | "
        "job position | job opening | opening | vacancy | requisition | requisition id | req id | "
        "applied for | applied position | position applied for | applied job | assigned role | "
        "designation | stelle | stellenbezeichnung | poste | intitulé du poste | puesto | vacante"
    ),
    F.STAGE: _names(
        "stage | current stage | status | candidate status | application status | pipeline stage | "
        "hiring stage | phase | current phase | stufe | bewerbungsstatus | statut | étape | estado | "
        "etapa"
    ),
    F.SOURCE: _names(
        "source | sources | candidate source | origin | source name | channel | application channel | "
        "recruiting channel | sourced from | referral source | how did you hear about us | quelle | "
        "herkunft | kanal | bewerbungskanal | canal | fuente | origen"
    ),
    F.RECRUITER: _names(
        "recruiter | recruiter name | owner | candidate owner | owner name | assigned to | "
        "assigned recruiter | responsible | hiring owner | personalverantwortlicher | recruteur | "
        "chargé de recrutement | reclutador | responsable"
    ),
    F.TAGS: _names(
        "tags | tag | labels | label | candidate tags | application tags | keywords | schlagworte | "
        "schlagwörter | étiquettes | etiquetas"
    ),
    F.NOTES: _names(
        "notes | note | comments | comment | remarks | description | cover letter | summary | "
        "recruiter notes | bemerkungen | bemerkung | notizen | kommentar | kommentare | remarques | "
        "commentaires | notas | comentarios | observaciones"
    ),
    F.LINKS: _names(
        "links | link | url | urls | website | web site | linkedin | linkedin url | linkedin profile | "
        "github | portfolio | social links | social media | social profiles | profile url | resume link | "
        "cv link | linktree | webseite | site web | sitio web"
    ),
    F.CONSENT_DATE: _names(
        "consent date | consent given | consent given at | consent given on | consented at | consented on | "
        "gdpr consent date | data consent date | privacy consent date | einwilligung | einwilligungsdatum | "
        "date de consentement | fecha de consentimiento"
    ),
    F.RETAIN_UNTIL: _names(
        "retain until | retention date | retention until | retention end | keep until | delete after | "
        "delete on | deletion date | gdpr expiry | gdpr expiry date | consent expiry | consent expires | "
        "data retention until | aufbewahren bis | löschdatum | conserver jusqu'au | conservar hasta"
    ),
    F.EXTERNAL_ID: _names(
        "id | candidate id | candidate number | candidate # | external id | contact id | applicant id | "
        "applicant # | applicant number | applicant reference | person id | bewerber-id | bewerbernummer | "
        "identifiant | référence | número de candidato"
    ),
}
