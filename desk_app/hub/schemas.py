"""The API's bodies (pydantic): the same shapes serve the HTTP API, the OpenAPI description and offline files."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class DataValueIn(BaseModel):
    """One figure: the natural key (period, indicator, breakdown) of the sending unit and its value."""

    model_config = ConfigDict(extra="forbid")
    period: str = Field(min_length=1, max_length=40, examples=["2026-09"])
    indicator: str = Field(min_length=1, max_length=80, examples=["received.total"])
    breakdown: str = Field(default="", max_length=120, description='"" for the unit\'s total, else a row key')
    value: int = Field(ge=0, le=10**12)


class DossierIn(BaseModel):
    """A minimal dossier record: no names, no ID numbers, no phones (extra fields are refused)."""

    model_config = ConfigDict(extra="forbid")
    code: str = Field(min_length=1, max_length=64)
    procedure_code: str = Field(default="", max_length=64)
    procedure_name: str = Field(default="", max_length=500)
    field: str = Field(default="", max_length=300)
    received_at: datetime | None = None
    due_at: datetime | None = None
    finished_at: datetime | None = None
    state: str = Field(default="", max_length=40)
    state_label: str = Field(default="", max_length=200)
    channel: str = Field(default="", max_length=20)
    timeliness: str = Field(default="", max_length=20)
    collect_at: str = Field(default="", max_length=300)


class ValueSetIn(BaseModel):
    """An upload (dataValueSet): a batch id chosen by the sender, the unit's code, the figures.

    ``complete_periods`` lists periods whose figures this upload replaces entirely: a figure the hub holds for
    such a period and this upload no longer carries is deleted (a row that became empty)."""

    model_config = ConfigDict(extra="forbid")
    batch_id: str = Field(min_length=8, max_length=80)
    unit: str = Field(min_length=1, max_length=64)
    complete_periods: list[str] = Field(default_factory=list, max_length=400)
    data_values: list[DataValueIn] = Field(default_factory=list, max_length=200_000)
    dossiers: list[DossierIn] = Field(default_factory=list, max_length=200_000)


class Conflict(BaseModel):
    object: str
    value: str


class ImportSummary(BaseModel):
    """What an upload did (or, with dryRun, would do)."""

    status: str = Field(description="SUCCESS or WARNING")
    batch_id: str
    dry_run: bool
    replayed: bool = Field(description="true when this batch id was already imported: nothing was redone")
    imported: int
    updated: int
    ignored: int
    deleted: int
    conflicts: list[Conflict]
    dossiers_imported: int
    dossiers_updated: int


class OfflineFile(BaseModel):
    """The content of a signed offline file (desk-app sync export)."""

    model_config = ConfigDict(extra="forbid")
    format: str
    unit: str
    sequence: int = Field(ge=1)
    created_at: str
    value_set: ValueSetIn


class UnitMe(BaseModel):
    code: str
    name: str
    last_sync: datetime | None
