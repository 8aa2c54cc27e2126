"""The shared core: everything every capability uses, and nothing of Pelican.

Owns front matter (`frontmatter`), problems (`problems`), settings (`settings`), the
post schema (`schema`), programmes (`programme`), the site model (`model`), Markdown
rendering (`render`), the one content-folder reader (`content`, with `sourcecache`),
front-matter edits (`edit`, `newpost`) and the pre-publish gate (`gate`). Modules here
import only each other and third-party libraries, never `pelican` and never a
capability (docs/architecture.md).
"""

__version__ = "0.1.0"
