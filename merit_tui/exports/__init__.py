"""Files people take away: the assessment YAML, the rencana aksi as .xlsx/.csv/.md."""
