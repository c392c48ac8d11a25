"""`import orbitflops` loads none of the optional libraries, and each adapter names the extra to
install when its library is missing (one fresh interpreter, since a library once imported
cannot be hidden)."""

import subprocess
import sys

CODE = """
import sys
import orbitflops
print(sorted(m for m in ('pandas', 'openmdao', 'pymoo', 'jsonschema') if m in sys.modules))
for m in ('pandas', 'openmdao', 'openmdao.api', 'pymoo', 'pymoo.core.problem'):
    sys.modules[m] = None  # as if not installed
try:
    orbitflops.evaluate_frame(None)
except ImportError as e:
    print(e)
for mod in ('openmdao', 'pymoo'):
    try:
        __import__('orbitflops.integrations.' + mod)
    except ImportError as e:
        print(e)
    else:
        print('imported without', mod)
"""


def test_optional_libraries_load_lazily_and_a_missing_one_names_its_extra():
    r = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    assert r.stdout.strip().splitlines() == [
        "[]",
        "orbitflops.evaluate_frame needs pandas: pip install 'orbitflops[pandas]'",
        "orbitflops.integrations.openmdao needs OpenMDAO: pip install 'orbitflops[openmdao]'",
        "orbitflops.integrations.pymoo needs pymoo: pip install 'orbitflops[pymoo]'",
    ]
