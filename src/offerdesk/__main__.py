"""`python -m offerdesk`: the same entry as the `offerdesk` command."""

from offerdesk.cli import main

raise SystemExit(main())
