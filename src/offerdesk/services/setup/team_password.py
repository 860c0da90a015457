"""The password of a team's PostgreSQL server: typed once in a URL, kept in the keychain, never in a URL again.

`--db-url postgresql://user:password@host/db` moves the password into the keychain at once; from then on the URL
OfferDesk holds, shows and logs is `postgresql://user@host/db`, and each connection asks the keychain (then
OFFERDESK_DB_PASSWORD, then the user, only when the server wants a password) for it.
"""

from __future__ import annotations

from sqlalchemy import make_url

from offerdesk.services.setup.secrets import DB_PASSWORD_ENV, Keychain, from_environment, keychain


class TeamPassword:
    """The password source of one server database (see storage.db.PasswordSource)."""

    def __init__(self, url: str, chain: Keychain | None = None) -> None:
        parsed = make_url(url)
        self.name = f"database {parsed._replace(password=None).render_as_string(hide_password=False)}"
        self._where = f"{parsed.username or 'you'} on {parsed.host or 'the local server'}"
        self._chain = chain

    @property
    def chain(self) -> Keychain:
        return self._chain or keychain()

    def password(self, refused: bool) -> str | None:
        if refused:
            self.chain.forget_typed(self.name)
            return self.chain.ask(self.name, "Team database password", f"Password of the database {self._where}")
        return from_environment(DB_PASSWORD_ENV) or self.chain.get(self.name)

    def accepted(self, password: str) -> None:
        if from_environment(DB_PASSWORD_ENV) != password:
            self.chain.set(self.name, password)


def without_password(url: str, chain: Keychain | None = None) -> tuple[str, TeamPassword | None]:
    """`url` with any password taken out (and kept in the keychain), and where its connections get one."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return url, None
    # URL.set(password=None) would keep the password; _replace takes it out
    bare = parsed._replace(password=None).render_as_string(hide_password=False)
    source = TeamPassword(bare, chain)
    if parsed.password:
        source.chain.set(source.name, str(parsed.password))
    return bare, source
