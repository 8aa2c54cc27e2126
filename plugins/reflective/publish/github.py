"""`reflective deploy github`: the published site as one commit on a branch, pushed.

Owns the deploy to GitHub Pages from the author's machine, with git run as a list of
arguments (no shell, so it works on Windows too): `ready` (git is there, the folder
is a repository, the remote exists: checked before anything is built) and `deploy`:
1. fetch the remote, so the new commit goes on top of the remote's branch (or the
   local one when the remote has none yet: an earlier push that failed);
2. write one commit holding exactly the output folder, an empty `.nojekyll` and, when
   given, `CNAME`, with `git fast-import` (the bytes as they are: no line-ending or
   ignore rules, every file mode 100644 on every system);
3. a commit whose files equal its parent's is dropped: a build is reproducible, so
   nothing changed and nothing is pushed;
4. a plain push, never forced: a push that is not a fast-forward is refused.
"""

from __future__ import annotations

import shutil
import subprocess

from . import core


class DeployError(Exception):
    """One line: what went wrong, and the fix."""


def _git(repo: str, *args: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, encoding="utf-8", **kwargs
    )
    if check and result.returncode != 0:
        said = (result.stderr.strip().splitlines() or ["(no message)"])[-1]
        raise DeployError(f"deploy github: git {args[0]} failed: {said}")
    return result


def ready(repo: str, remote: str) -> None:
    """Git is installed, `repo` is in a git repository, and `remote` is one of its remotes."""
    if not shutil.which("git"):
        raise DeployError(
            "deploy github: git is not installed; install it (https://git-scm.com/downloads, "
            "Debian/Ubuntu: sudo apt-get install git) and run the deploy again"
        )
    if _git(repo, "rev-parse", "--git-dir", check=False).returncode != 0:
        raise DeployError(
            f"deploy github: {repo} is not a git repository; run git init and add a "
            "remote (docs/publishing.md)"
        )
    if _git(repo, "remote", "get-url", remote, check=False).returncode != 0:
        raise DeployError(
            f"deploy github: there is no git remote '{remote}'; add it with git remote add "
            f"{remote} URL, or name another with --remote (GITHUB_PAGES_REMOTE)"
        )


def _commit_of(repo: str, ref: str) -> str | None:
    result = _git(repo, "rev-parse", "-q", "--verify", f"{ref}^{{commit}}", check=False)
    return result.stdout.strip() or None


def _quote(path: str) -> str:
    """A path as fast-import reads it: C-style quoted."""
    escaped = path.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _identity(repo: str) -> str:
    result = _git(repo, "var", "GIT_COMMITTER_IDENT", check=False)
    if result.returncode != 0:
        raise DeployError(
            "deploy github: git does not know who you are; set it with git config "
            'user.name "Your Name" and git config user.email you@example.org'
        )
    return result.stdout.strip()


def write_commit(
    repo: str, folder: str, branch: str, parent: str | None, message: str, cname: str | None
) -> str:
    """Commit exactly `folder` (+ .nojekyll, + CNAME) as refs/heads/`branch`."""
    committer = _identity(repo)
    process = subprocess.Popen(
        ["git", "fast-import", "--quiet", "--force"],
        cwd=repo,
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    stream = process.stdin

    def inline(path: str, data: bytes) -> None:
        stream.write(f"M 100644 inline {_quote(path)}\ndata {len(data)}\n".encode())
        stream.write(data + b"\n")

    try:
        text = message.encode("utf-8")
        stream.write(f"commit refs/heads/{branch}\ncommitter {committer}\n".encode())
        stream.write(f"data {len(text)}\n".encode() + text + b"\n")
        if parent:
            stream.write(f"from {parent}\n".encode())
        stream.write(b"deleteall\n")
        for path, relative in core.listing(folder):
            with open(path, "rb") as handle:
                inline(relative, handle.read())
        inline(".nojekyll", b"")
        if cname:
            inline("CNAME", cname.encode("utf-8") + b"\n")
        stream.write(b"\n")
        stream.close()
    except BrokenPipeError:
        pass
    error = process.stderr.read().decode("utf-8", "replace")
    if process.wait() != 0:
        said = (error.strip().splitlines() or ["(no message)"])[-1]
        raise DeployError(f"deploy github: git fast-import failed: {said}")
    return _commit_of(repo, f"refs/heads/{branch}")


def deploy(
    repo: str, folder: str, remote: str, branch: str, cname: str | None, siteurl: str
) -> str:
    """Commit and push the published `folder`; the line that says what happened."""
    _git(repo, "fetch", "--quiet", remote)
    remote_head = _commit_of(repo, f"refs/remotes/{remote}/{branch}")
    parent = remote_head or _commit_of(repo, f"refs/heads/{branch}")
    head = write_commit(repo, folder, branch, parent, f"Publish {siteurl}", cname)
    ref = f"refs/heads/{branch}"
    if parent and _tree(repo, head) == _tree(repo, parent):
        _git(repo, "update-ref", ref, parent)
        if parent == remote_head:
            return (
                f"deploy github: the site is the same as the one on {remote}/{branch}; "
                "nothing to push"
            )
    pushed = _git(repo, "push", "--quiet", remote, f"{ref}:{ref}", check=False)
    if pushed.returncode != 0:
        said = (pushed.stderr.strip().splitlines() or ["(no message)"])[-1]
        if "non-fast-forward" in pushed.stderr or "fetch first" in pushed.stderr:
            said = (
                f"{remote}/{branch} changed while this ran (another publish?); nothing was "
                "forced: run reflective deploy github again"
            )
        raise DeployError(f"deploy github: the push was refused: {said}")
    return f"deploy github: {branch} on {remote} now holds the site for {siteurl}"


def _tree(repo: str, commit: str) -> str:
    return _git(repo, "rev-parse", f"{commit}^{{tree}}").stdout.strip()
