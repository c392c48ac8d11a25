"""The adapters name the extra to install when their library is missing."""

import subprocess
import sys

CODE = """
import sys
sys.modules['openmdao'] = None
sys.modules['openmdao.api'] = None
sys.modules['pymoo'] = None
sys.modules['pymoo.core.problem'] = None
import orbitflops
for mod in ('openmdao', 'pymoo'):
    try:
        __import__('orbitflops.integrations.' + mod)
    except ImportError as e:
        print(e)
    else:
        print('imported without', mod)
"""


def test_missing_library_names_the_extra():
    r = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    lines = r.stdout.strip().splitlines()
    assert lines == [
        "orbitflops.integrations.openmdao needs OpenMDAO: pip install 'orbitflops[openmdao]'",
        "orbitflops.integrations.pymoo needs pymoo: pip install 'orbitflops[pymoo]'",
    ]
