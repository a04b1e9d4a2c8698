"""(Placeholder: being built.)"""

from django.http import Http404, HttpRequest, HttpResponse


def _todo(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404("Not built yet")


new_referral = referral_detail = duplicate_candidates = _todo
