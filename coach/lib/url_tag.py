"""The `{% url %}` tag, remembering the addresses it has worked out.

Django's own tag reverses on every use, and a page like Today uses it some forty times: a
sixth of the page's rendering. An address depends only on the view's name, its arguments, the
namespace being served, the URLconf and the script prefix, so each is kept under those (the
4,096 latest). Arguments other than plain text and whole numbers are reversed each time, as
Django does.

settings.TEMPLATES lists this module among the template builtins, after Django's own, so this
tag is every template's `{% url %}`; it takes the same arguments and fails the same way.
"""

from functools import lru_cache

from django import template
from django.template.defaulttags import URLNode, url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape

register = template.Library()


@lru_cache(maxsize=4096)
def _address(view_name, args, kwargs, current_app, urlconf, prefix) -> str:
    """`reverse`, kept; `prefix` is in the key only: reverse reads it itself."""
    return reverse(view_name, urlconf, list(args), dict(kwargs), current_app)


def _plain(value) -> bool:
    return isinstance(value, str) or type(value) is int


class KeptURLNode(URLNode):
    def render(self, context):
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        if not (
            isinstance(view_name, str)
            and all(map(_plain, args))
            and all(map(_plain, kwargs.values()))
        ):
            return super().render(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        address = ""
        try:
            address = _address(
                view_name,
                tuple(args),
                tuple(sorted(kwargs.items())),
                current_app,
                get_urlconf(),
                get_script_prefix(),
            )
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = address
            return ""
        return conditional_escape(address) if context.autoescape else address


@register.tag("url")
def kept_url(parser, token):
    node = url(parser, token)
    return KeptURLNode(node.view_name, node.args, node.kwargs, node.asvar)
