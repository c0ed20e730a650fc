"""Change history for the provenance models.

Sources keep their titles verbatim, in the source's own language, so nothing here is
translated; history is registered in this module like in the other apps.
"""

import simple_history

from coopr.models import Citation, Source

for model in (Source, Citation):
    simple_history.register(model)
