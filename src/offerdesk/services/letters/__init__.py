"""Letters from the offer: export one or many (and PDF), the template library, the bundled templates."""
