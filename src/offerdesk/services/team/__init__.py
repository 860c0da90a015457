"""Team mode: who may do what on a shared server (enforced by the server), and the audit log of who changed what."""

from offerdesk.services.team.members import Member, TeamService

__all__ = ["Member", "TeamService"]
