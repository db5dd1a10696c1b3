"""Many new rows of one table in one statement, however many rows.

An INSERT given a list of rows is the driver's executemany: asyncpg sends and PostgreSQL
executes it once per row (a Bind and an Execute each, with their own executor start and
end), which made a bulk load's twelve rows per vendor cost more than the rest of the load.
On PostgreSQL the rows go instead as one array per column into a single
`INSERT ... SELECT unnest(...)`: one execution, the arrays encoded by the driver. SQLite
runs executemany in-process, where it is cheap, and keeps it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Column, ColumnDefault, Table, bindparam, func, insert, select
from sqlalchemy import inspect as sqlalchemy_inspect
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel

Row = Mapping[str, Any]


async def insert_rows(session: AsyncSession, model: type[SQLModel], rows: Sequence[Row]) -> None:
    """Insert `rows` (column name to value) into `model`'s table.

    A column a row leaves out takes its default as through SQLAlchemy's bulk INSERT: the
    column's Python default (a callable one called for each row), else NULL.
    """
    if not rows:
        return
    table = model_table(model)
    if session.get_bind().dialect.name != "postgresql":
        # The ORM bulk INSERT groups rows by the columns they give.
        await session.execute(insert(model), list(rows))
        return
    columns = _inserted_columns(table, rows)
    arrays = [
        bindparam(
            f"{column.name}_values",
            value=_column_values(column, rows),
            type_=ARRAY(column.type),
        )
        for column in columns
    ]
    # Set-returning functions in a select list are zipped: row i takes element i of each.
    unnested = select(*(func.unnest(array) for array in arrays))
    await session.execute(
        insert(table).from_select(
            [column.name for column in columns], unnested, include_defaults=False
        )
    )


def model_table(model: type[SQLModel]) -> Table:
    table = sqlalchemy_inspect(model).local_table
    assert isinstance(table, Table)  # a table model maps one table
    return table


def _inserted_columns(table: Table, rows: Sequence[Row]) -> list[Column[Any]]:
    """The columns any row gives, then those left out that have a Python default."""
    names = {name for row in rows for name in row}
    unknown = names - set(table.columns.keys())
    if unknown:
        raise KeyError(f"{table.name} has no column {sorted(unknown)}")
    return [
        column
        for column in table.columns
        if column.name in names or isinstance(column.default, ColumnDefault)
    ]


def _column_values(column: Column[Any], rows: Sequence[Row]) -> list[Any]:
    """The column's value in each row: the row's own, else its default (rows may leave
    out different columns, as a profile leaves out the optional ones it has no value for)."""
    name = column.name
    default = column.default
    if not isinstance(default, ColumnDefault):
        # Left out, it is NULL: the array cannot leave a database default to apply.
        assert column.server_default is None, f"{table_name(column)} has a server default"
        return [row.get(name) for row in rows]
    if default.is_callable:
        # SQLAlchemy wraps a default callable to take the execution context; none of ours
        # reads it.
        make = default.arg
        return [row[name] if name in row else make(None) for row in rows]
    return [row.get(name, default.arg) for row in rows]


def table_name(column: Column[Any]) -> str:
    return f"{column.table.name}.{column.name}"
