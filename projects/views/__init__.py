"""Public pages of the projects app: plans and projects (plans.py); meetings, documents and
figures (meetings.py)."""
