"""Themes: classes of projects (student exchange, …) that a reported figure can count."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coopr.models import TimeStampedModel


class ThemeQuerySet(models.QuerySet):
    def for_list(self) -> ThemeQuerySet:
        """Each theme with its number of projects (`project_count`), by English name."""
        return self.annotate(project_count=models.Count("projects", distinct=True)).order_by(
            "name_en", "pk"
        )

    def for_api(self) -> ThemeQuerySet:
        from coopr.models import citations_with_sources

        return self.annotate(
            project_count=models.Count("projects", distinct=True)
        ).prefetch_related(citations_with_sources())


class Theme(TimeStampedModel):
    """A class of projects, e.g. student exchange: what a reported count counts."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    citations = GenericRelation("coopr.Citation", related_query_name="theme")

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("theme-detail", kwargs={"slug": self.slug})
