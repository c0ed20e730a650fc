"""The iCalendar feed of meetings (RFC 5545), in the language of the URL (/en/, /ru/, /ja/).

One all-day VEVENT per dated meeting. Its UID is made of the meeting's id ("meeting-12@coopr"),
so a calendar that subscribed keeps the same event when the title, dates or place change;
DTSTAMP and LAST-MODIFIED are the record's last change and SEQUENCE its version. URL links
back to the meeting's page.

Dates as precise as the sources:
- known to the day: an all-day event on that day (or over its days; DTEND is the day after
  the last, as RFC 5545 wants for dates);
- known only to the month ("September 2017"): an event over that whole month, marked
  TRANSP:TRANSPARENT (it does not make anyone look busy) and saying in its description that
  the sources give only the month, so no calendar shows a day nobody reported;
- known only to the year, or not dated: left out, as a year-long event would say nothing a
  calendar can use.

`?meeting=<slug>` gives the calendar of one meeting (the meeting page's "add to your
calendar" link).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from coopr.dates import Precision, format_partial, period_end
from coopr.exports import feed_text
from projects.models import Meeting, MeetingParticipant

UID_DOMAIN = "coopr"


def uid(meeting: Meeting) -> str:
    """The event's identifier: the record's id, never its title or slug, so it never changes."""
    return f"meeting-{meeting.pk}@{UID_DOMAIN}"


def event_dates(meeting: Meeting) -> tuple[dt.date, dt.date]:
    """DTSTART and the exclusive DTEND: the day after the last day the meeting may take."""
    if meeting.end is not None:
        last = period_end(meeting.end, meeting.end_precision)
    else:
        last = period_end(meeting.start, meeting.start_precision)
    return meeting.start, last + dt.timedelta(days=1)


def location(meeting: Meeting) -> str:
    return ", ".join(part for part in (meeting.city, meeting.country.name) if part)


def description(meeting: Meeting, url: str) -> str:
    parts = []
    if meeting.start_precision == Precision.MONTH:
        parts.append(
            _("The sources give only the month: %(month)s.")
            % {"month": format_partial(meeting.start, meeting.start_precision)}
        )
    if meeting.description:
        parts.append(meeting.description)
    if meeting.outcomes:
        parts.append(_("Outcomes: %(outcomes)s") % {"outcomes": meeting.outcomes})
    people = [participant.person.name for participant in meeting.participants.all()]
    if people:
        parts.append(_("Participants: %(people)s") % {"people": ", ".join(people)})
    parts.append(url)
    return "\n\n".join(parts)


def event(meeting: Meeting, url: str) -> Event:
    start, end = event_dates(meeting)
    vevent = Event()
    vevent.add("uid", uid(meeting))
    vevent.add("dtstamp", meeting.updated)
    vevent.add("last-modified", meeting.updated)
    vevent.add("created", meeting.created)
    vevent.add("sequence", meeting.version)
    vevent.add("dtstart", start)  # a date: VALUE=DATE, an all-day event
    vevent.add("dtend", end)
    vevent.add("summary", feed_text(meeting.title))
    vevent.add("description", feed_text(description(meeting, url)))
    place = location(meeting)
    if place:
        vevent.add("location", feed_text(place))
    vevent.add("categories", [meeting.get_kind_display()])
    vevent.add("url", url)
    if meeting.start_precision != Precision.DAY:
        vevent.add("transp", "TRANSPARENT")
    return vevent


def calendar_meetings(slug: str | None):
    """The meetings the calendar shows (dated to the day or month), with their participants."""
    participants = MeetingParticipant.objects.select_related("person").order_by(
        "side", "person__sort_name", "pk"
    )
    meetings = (
        Meeting.objects.for_calendar()
        .exclude(start_precision=Precision.YEAR)
        .prefetch_related(Prefetch("participants", queryset=participants))
    )
    if slug is not None:
        meetings = meetings.filter(slug=slug)
    return meetings


def meeting_calendar(request: HttpRequest) -> HttpResponse:
    """All meetings as an iCalendar feed, or one (`?meeting=<slug>`), in the page's language."""
    slug = request.GET.get("meeting")
    if slug is not None:
        try:
            # What no slug can hold (a NUL, which PostgreSQL refuses even to compare) finds
            # no meeting without a query.
            validate_slug(slug)
        except ValidationError:
            raise Http404("No meeting has this slug.") from None
    meetings = list(calendar_meetings(slug))
    if slug is not None and not meetings:
        raise Http404("No meeting with a date to the day or month has this slug.")
    cal = Calendar()
    cal.add("prodid", f"-//coopr//Meetings//{(get_language() or 'en').upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    name = feed_text(meetings[0].title) if slug is not None else _("coopr: meetings")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    for meeting in meetings:
        cal.add_component(event(meeting, request.build_absolute_uri(meeting.get_absolute_url())))
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    filename = f"{slug}.ics" if slug is not None else "meetings.ics"
    disposition = "attachment" if slug is not None else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
