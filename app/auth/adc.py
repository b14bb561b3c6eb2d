"""Google Application Default Credentials (gcloud's `application-default login`, a service
account key in GOOGLE_APPLICATION_CREDENTIALS, or the metadata server) for Vertex AI, through
the google-auth library. Its calls block (file reads, HTTP): callers run them in a thread."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC

from app.errors import LoginFailed, LoginRequired


@dataclass(frozen=True, slots=True)
class AdcToken:
    token: str
    expires_at: float | None
    project: str | None
    account: str | None


def adc_token(name: str, scopes: tuple[str, ...]) -> AdcToken:
    """A fresh access token from the machine's Application Default Credentials."""
    import google.auth
    import google.auth.exceptions
    import google.auth.transport.requests
    import requests

    session = requests.Session()  # closed below: each refresh would leave a socket open
    request = google.auth.transport.requests.Request(session)
    try:
        credentials, project = google.auth.default(scopes=list(scopes), request=request)
        credentials.refresh(request)  # type: ignore[no-untyped-call]
    except google.auth.exceptions.DefaultCredentialsError as exc:
        raise LoginRequired(
            name,
            "no Google Application Default Credentials here: run "
            "`gcloud auth application-default login` or set GOOGLE_APPLICATION_CREDENTIALS",
        ) from exc
    except google.auth.exceptions.RefreshError as exc:
        raise LoginRequired(name, f"Google refused the credentials ({type(exc).__name__})") from exc
    except google.auth.exceptions.TransportError as exc:
        raise LoginFailed(f"cannot reach Google to refresh the credentials ({exc})") from exc
    finally:
        session.close()
    expiry = credentials.expiry  # naive UTC
    expires_at = expiry.replace(tzinfo=UTC).timestamp() if expiry is not None else None
    account = getattr(credentials, "service_account_email", None)
    return AdcToken(
        str(credentials.token),
        expires_at,
        project or os.environ.get("GOOGLE_CLOUD_PROJECT") or None,
        account if isinstance(account, str) and "@" in account else None,
    )


def vertex_base_url(template: str, project: str, location: str) -> str:
    """Vertex's API root for a project and location; the `global` location has no regional
    host."""
    host = (
        "aiplatform.googleapis.com"
        if location == "global"
        else f"{location}-aiplatform.googleapis.com"
    )
    return template.format(host=host, project=project, location=location)
