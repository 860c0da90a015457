"""Reading candidate files from outside (CSV, TSV, XLSX, XLS): hostile until checked; no Qt, no database."""
