"""faultline: send robot episodes, eval and verification results and job logs to a faultline service.

    import faultline
    fl = faultline.Client()                      # FAULTLINE_URL, FAULTLINE_API_KEY
    with fl.episode(robot_id="r-7", source="live") as ep:
        ep.battery(percent=42)
        run_policy()

The gymnasium wrapper is ``faultline.gym.FaultlineWrapper`` (``pip install 'faultline[gymnasium]'``).
"""

from .client import Client, Delivery
from .episode import MAX_FAILURE_REASON_CHARS, Episode, failure_reason
from .errors import (
    AuthenticationError,
    ConfigurationError,
    FaultlineError,
    InvalidRecord,
    RequestRejected,
    ServiceUnavailable,
    SpoolFull,
)

__version__ = "0.1.0"

__all__ = [
    "AuthenticationError",
    "Client",
    "ConfigurationError",
    "Delivery",
    "Episode",
    "FaultlineError",
    "InvalidRecord",
    "MAX_FAILURE_REASON_CHARS",
    "RequestRejected",
    "ServiceUnavailable",
    "SpoolFull",
    "failure_reason",
]
