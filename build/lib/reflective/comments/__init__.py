"""Comments, pingbacks and questions to readers (SPEC §5).

A capability of the plugin with the usual split: a pure core that knows nothing of
Pelican (`core`: one comment file; `questions`: a post's `questions:`; `conversation`:
threads, counts and the site's questions; `sanitise`: comment bodies; `mail`: reply
links and saved e-mails; `feed`: the Atom feed of comments), the Pelican layer
(`wiring`) and the `reflective comments ...` commands (`cli`).
"""
