"""`reflective deploy netlify`: the published site uploaded to Netlify, changed files only.

Owns a direct deploy through Netlify's documented file-digest API (httpx, no Netlify
CLI, no Node): the deploy is created with the SHA-1 of every file of the output
(`POST /sites/{site_id}/deploys`), Netlify answers with the digests it does not have
yet, only those files are uploaded (`PUT /deploys/{deploy_id}/files/{path}`, paths
always with `/`), and the deploy is followed until Netlify says it is ready. Netlify
switches the site to a deploy whole, so readers see the old site or the new one.
`ready` checks the token and the site's id before anything is built; `site_address`
asks Netlify for the site's address when none is given. `api` is the API's base, so a
test runs all of it against a server on 127.0.0.1.
"""

from __future__ import annotations

import hashlib
import os
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from . import core

API = "https://api.netlify.com/api/v1"
TOKEN_HELP = "make a personal access token at https://app.netlify.com/user/applications"
WAIT_SECONDS = 600  # a deploy still processing after this is reported, not waited for
RETRIES = 3  # a busy Netlify (429, 5xx) is asked again, a little later each time
UPLOADS_AT_ONCE = 4  # files sent at the same time


class DeployError(Exception):
    """One line: what went wrong, and the fix."""


def ready(token: str, site_id: str) -> None:
    if not token:
        raise DeployError(
            f"deploy netlify: NETLIFY_AUTH_TOKEN is not set; {TOKEN_HELP} and set it in the "
            "environment (never in a file of the site)"
        )
    if not site_id:
        raise DeployError(
            "deploy netlify: no site id; give --site ID or set NETLIFY_SITE_ID (Netlify: "
            "Site configuration → General → Site details → Site ID)"
        )


def digests(folder: str) -> dict[str, str]:
    """{URL path: SHA-1 of the file's bytes} of every file of `folder`."""
    found = {}
    for path, relative in core.listing(folder):
        sha = hashlib.sha1()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 16), b""):
                sha.update(block)
        found["/" + relative] = sha.hexdigest()
    return found


class _Client:
    def __init__(self, api: str, token: str):
        self.http = httpx.Client(
            base_url=api.rstrip("/"),
            headers={"Authorization": f"Bearer {token}", "User-Agent": "reflective"},
            timeout=httpx.Timeout(60.0, connect=15.0),
        )

    def request(self, method: str, url: str, what: str, **kwargs) -> dict:
        for attempt in range(RETRIES + 1):
            try:
                response = self.http.request(method, url, **kwargs)
            except httpx.HTTPError as error:
                if attempt < RETRIES:
                    time.sleep(2**attempt)
                    continue
                raise DeployError(
                    f"deploy netlify: cannot reach {self.http.base_url} ({what}): {error}; "
                    "check the connection and run the deploy again"
                ) from None
            if response.status_code in (429, 500, 502, 503, 504) and attempt < RETRIES:
                time.sleep(_retry_after(response, 2**attempt))
                continue
            break
        if response.status_code == 401:
            raise DeployError(
                f"deploy netlify: Netlify refused NETLIFY_AUTH_TOKEN (401); {TOKEN_HELP}"
            )
        if response.status_code == 404:
            raise DeployError(
                f"deploy netlify: Netlify has no {what} (404 for {url}); check --site or "
                "NETLIFY_SITE_ID, and that the token's account owns that site"
            )
        if response.status_code >= 400:
            text = " ".join(response.text.split())[:200]
            raise DeployError(f"deploy netlify: {what} failed: HTTP {response.status_code} {text}")
        return response.json() if response.content else {}

    def close(self) -> None:
        self.http.close()


def _retry_after(response: httpx.Response, default: float) -> float:
    """Seconds to wait before asking again: Netlify's Retry-After, at most a minute."""
    try:
        return min(float(response.headers.get("Retry-After", default)), 60.0)
    except ValueError:  # an HTTP date: wait the default
        return default


def site_address(token: str, site_id: str, api: str = API) -> str:
    """The address Netlify serves the site at (its custom domain once it has one)."""
    client = _Client(api, token)
    try:
        site = client.request("GET", f"/sites/{site_id}", f"site {site_id}")
    finally:
        client.close()
    address = site.get("ssl_url") or site.get("url") or ""
    if not address:
        raise DeployError(
            f"deploy netlify: Netlify gave no address for site {site_id}; give it with "
            "--siteurl or SITEURL"
        )
    return address


def deploy(
    folder: str, token: str, site_id: str, api: str = API, draft: bool = False, say=print
) -> str:
    """Upload `folder` as a new deploy of `site_id`; the address it is live at."""
    files = digests(folder)
    client = _Client(api, token)
    try:
        created = client.request(
            "POST",
            f"/sites/{site_id}/deploys",
            f"site {site_id}",
            json={"files": files, "draft": draft},
        )
        deploy_id = created["id"]
        required = set(created.get("required") or [])
        paths = [path for path, sha in files.items() if sha in required]
        say(f"deploy netlify: {len(paths)} of {len(files)} files to upload")

        def upload(path: str) -> None:
            with open(_local(folder, path), "rb") as handle:
                data = handle.read()
            client.request(
                "PUT",
                f"/deploys/{deploy_id}/files{core.quoted_web_path(path[1:])}",
                f"the upload of {path}",
                content=data,
                headers={"Content-Type": "application/octet-stream"},
            )

        # A few at a time over one pooled client; the first failure stops the rest.
        with ThreadPoolExecutor(max_workers=UPLOADS_AT_ONCE) as pool:
            for future in [pool.submit(upload, path) for path in paths]:
                try:
                    future.result()
                except BaseException:
                    pool.shutdown(wait=True, cancel_futures=True)
                    raise
        state = _wait(client, deploy_id)
    finally:
        client.close()
    address = state.get("ssl_url") if not draft else state.get("deploy_ssl_url")
    address = address or state.get("deploy_ssl_url") or state.get("url") or ""
    kind = "a draft deploy" if draft else "the site"
    return f"{kind} is live at {address} (deploy {deploy_id})"


def _local(folder: str, path: str) -> str:
    return os.path.join(folder, *path[1:].split("/"))


def _wait(client: _Client, deploy_id: str) -> dict:
    deadline = time.monotonic() + WAIT_SECONDS
    delay = 0.2
    while True:
        state = client.request("GET", f"/deploys/{deploy_id}", f"deploy {deploy_id}")
        if state.get("state") == "ready":
            return state
        if state.get("state") == "error":
            raise DeployError(
                f"deploy netlify: Netlify could not deploy it: {state.get('error_message') or 'error'}"
                "; the site stays as it was"
            )
        if time.monotonic() > deadline:
            raise DeployError(
                f"deploy netlify: deploy {deploy_id} is still {state.get('state')!r} after "
                f"{WAIT_SECONDS} s; see it on Netlify's Deploys page"
            )
        time.sleep(delay)
        delay = min(delay * 2, 5.0)
