"""The one error hierarchy. Only proxy/handlers.py turns these into Anthropic error envelopes."""

from __future__ import annotations

# Anthropic error type for each HTTP status the proxy sends (PROTOCOL.md, Errors).
_TYPE_BY_STATUS = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    429: "rate_limit_error",
    500: "api_error",
    503: "overloaded_error",
    529: "overloaded_error",
}


def error_type_for_status(status: int) -> str:
    """The Anthropic error type a client expects for an HTTP status."""
    if status in _TYPE_BY_STATUS:
        return _TYPE_BY_STATUS[status]
    if status == 408 or status >= 500:
        return "api_error"
    return "invalid_request_error"


class SwitchboardError(Exception):
    """Base class: carries the HTTP status and Anthropic error type a client should see."""

    status = 500

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status

    @property
    def error_type(self) -> str:
        return error_type_for_status(self.status)


class InvalidRequest(SwitchboardError):
    status = 400


class AuthenticationFailed(SwitchboardError):
    status = 401


class PermissionDenied(SwitchboardError):
    status = 403


class NotFound(SwitchboardError):
    status = 404


class RequestTooLarge(SwitchboardError):
    status = 413


class UpstreamError(SwitchboardError):
    """The provider answered with an error, or could not be reached, or sent bad data.

    `retryable` tells failover whether another candidate may serve the request;
    `retry_after` is the provider's Retry-After in seconds, when it sent one.
    """

    status = 502

    def __init__(
        self,
        message: str,
        *,
        provider: str,
        status: int | None = None,
        retryable: bool = False,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, status=status)
        self.provider = provider
        self.retryable = retryable
        self.retry_after = retry_after


class PromptTooLong(UpstreamError):
    """The provider refused the prompt as longer than the model's context window. Its message
    is Anthropic's "prompt is too long: N tokens > M maximum", which makes Claude Code compact
    the conversation; numbers the provider left out may be filled in later (`tokens`,
    `maximum`)."""

    status = 400

    def __init__(
        self, message: str, *, provider: str, tokens: int | None, maximum: int | None
    ) -> None:
        super().__init__(message, provider=provider, status=400)
        self.tokens = tokens
        self.maximum = maximum


class UpstreamProtocolError(SwitchboardError):
    """The upstream's payload could not be understood (bad JSON, wrong shape). Pure layers raise
    this without knowing the provider; the proxy adds the provider's name."""

    status = 502


class ConfigError(SwitchboardError):
    """A config file that cannot be used. `where` is 'file:line' when known, `field` the dotted
    path of the offending setting; `others` are further errors found in the same file, each
    shown on a line of its own."""

    status = 500

    def __init__(
        self,
        message: str,
        *,
        where: str = "",
        field: str = "",
        others: tuple[ConfigError, ...] = (),
    ) -> None:
        super().__init__(message)
        self.where = where
        self.field = field
        self.others = others

    def __str__(self) -> str:
        return "\n".join([self.line, *(other.line for other in self.others)])

    @property
    def line(self) -> str:
        """This one error (not the others) as 'where: field: message'."""
        prefix = ": ".join(p for p in (self.where, self.field) if p)
        return f"{prefix}: {self.message}" if prefix else self.message


class LoginRequired(AuthenticationFailed):
    """A subscription login is missing, or its refresh was refused for good: only the user can
    fix it, by logging in again. Never carries token text."""

    def __init__(self, login: str, reason: str) -> None:
        super().__init__(
            f"login {login!r} needs you to log in again ({reason}): "
            f"switchboard auth login {login}, or Log in in Settings"
        )
        self.login = login
        self.reason = reason


class LoginFailed(SwitchboardError):
    """A login or refresh that failed for now (network, the vendor's server, a cancelled
    login); trying again may work."""

    status = 502
