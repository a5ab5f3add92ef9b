import pytest


@pytest.fixture(autouse=True)
def _own_state_dir(tmp_path_factory, monkeypatch):
    """reviewer's bookkeeping (temporary-file registry) in a folder of its own, not the user's."""
    monkeypatch.setenv("REVIEWER_STATE_DIR", str(tmp_path_factory.mktemp("state")))
