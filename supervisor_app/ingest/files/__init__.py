"""Contact, roster and forecast files (CSV or XLSX) read into rows and imported all-or-nothing."""
