"""`reflective init`: a new site of one's own, from a few answers (docs/cli.md#init).

Owns planning a new site (`plan`, pure: the answers in, the files out, as plain data;
`files` holds their texts), writing it without ever writing over anything (`write`),
and the command with its questions (`cli`).
"""
