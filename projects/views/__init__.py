"""Public pages of the projects app: plans and projects (plans.py); meetings (meetings.py),
documents (documents.py) and figures (indicators.py), sharing common.py.

Each page reads what it shows through a QuerySet method (`for_page`, `for_list`, …) in a fixed
number of queries; the grouping (upcoming and past meetings by year, participants by side,
citations by the fact they support) happens in the views, in Python, on rows already fetched.
The iCalendar feed of meetings is in `projects.feeds`.
"""
