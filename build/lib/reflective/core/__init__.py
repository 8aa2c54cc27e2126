"""The shared core: everything every capability uses, and nothing of Pelican.

Owns front matter (`frontmatter`), problems (`problems`), settings (`settings`), the
post schema (`schema`), programmes (`programme`), the site model (`model`), Markdown
rendering (`render`), the one content-folder reader (`content`, with `sourcecache`, and
`addresses`: where Pelican writes each post, checked alike by a build and the CLI),
front-matter edits (`edit`, `newpost`) and the pre-publish gate (`gate`). Modules here
import only each other and third-party libraries, never a capability nor the Pelican
layer; only the folder reader (`content`, `sourcecache`, `addresses`) uses Pelican's own
functions to read metadata and addresses exactly as Pelican does (docs/architecture.md).
"""

__version__ = "0.1.0"
