"""Trust machinery, free of UI and database: keys, seals, evidence folder, packages.

- `keys`: Ed25519 key pairs for signers, passphrase-encrypted on disk; public key files.
- `seal`: canonical bytes of an assessment's content and a signed, checkable seal.
- `evidence`: a content-addressed folder of evidence files, filled by streaming.
- `package`: a zip with the assessment, its evidence and a manifest of hashes.

Nothing is imported here so that `import merit_tui.trust` stays cheap; import the module you need.
"""
