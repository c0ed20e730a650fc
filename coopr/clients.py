"""Who is asking: the visitor's address behind the load balancers we trust.

Used by the lockout (AXES_CLIENT_IP_CALLABLE) and the access log. Kept free of model and
DRF imports: the log configuration imports it before the apps are ready.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The visitor's address, as the outermost of `TRUSTED_PROXY_COUNT` proxies saw it.

    Each proxy appends the address it was reached from to X-Forwarded-For, so with N proxies
    the Nth entry from the right is the client's; anything left of it is the client's own
    say. With no proxy, or a header with fewer entries (a request that did not come through
    them), or an entry that is not an address, REMOTE_ADDR is the answer.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if not count:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < count:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-count]))
    except ValueError:
        return remote
