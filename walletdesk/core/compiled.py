"""Reads and inserts whose SQL is compiled once per process.

The ORM turns a queryset, or a new row, into SQL on every call. For most pages that is noise;
for the statements nearly every request makes (the signed-in user; the ticket and event rows
every submission and every change writes) compiling costs more than the database answering,
so those few keep their SQL. Values still go through the ORM's own steps (``pre_save``,
``get_db_prep_save``, converters, ``Model.from_db``), so a row stored here is the row
``save()`` would have stored.
"""

from collections.abc import Callable
from functools import cached_property
from typing import Any, Generic, TypeAlias, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Field, Model, signals
from django.db.models.fields import AutoFieldMixin
from django.db.models.sql import InsertQuery
from django.db.models.sql.compiler import SQLCompiler, SQLInsertCompiler

M = TypeVar("M", bound=Model)
N = TypeVar("N", bound=Model)
_Converters: TypeAlias = dict[int, tuple[list[Callable[..., Any]], Any]]


class CompiledLookup(Generic[M]):
    """``model._default_manager.filter(<field>=value)``, all concrete fields, SQL kept."""

    def __init__(self, model: type[M], field: str = "pk", *, using: str = DEFAULT_DB_ALIAS) -> None:
        self.model = model
        meta = model._meta
        found = meta.pk if field == "pk" else meta.get_field(field)
        if not isinstance(found, Field) or found.is_relation:
            raise ValueError(f"{model.__name__}.{field} is not a plain column")
        self.field: Field[Any, Any] = found
        self.using = using

    @cached_property
    def _compiled(self) -> tuple[str, list[str], _Converters, SQLCompiler]:
        # A stand-in value (0 converts to every key type) gives the statement its shape; each
        # call binds the real one.
        query = self.model._default_manager.filter(**{self.field.name: 0}).query
        compiler = query.get_compiler(using=self.using)
        sql, params = compiler.as_sql()
        if len(params) != 1:
            raise ValueError(f"{self.field} does not compile to a single parameter")
        columns = [column for column, _sql, _alias in compiler.select]
        names = [column.target.attname for column in columns]
        converters = compiler.get_converters(columns)
        return sql, names, converters, compiler

    def get(self, value: object) -> M | None:
        """The one row whose field equals ``value``, or None (also when it is not unique)."""
        sql, names, converters, compiler = self._compiled
        connection = connections[self.using]
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.field.get_db_prep_value(value, connection)])
            rows = cursor.fetchmany(2)
        if len(rows) != 1:
            return None
        if converters:
            rows = list(compiler.apply_converters(rows, converters))
        return self.model.from_db(self.using, names, rows[0])


class CompiledInsert(Generic[M]):
    """``instance.save()`` of a new ``model`` row with its INSERT compiled once.

    For models whose database-generated values are at most an auto-incremented key (filled in
    from RETURNING). pre_save and post_save are sent as ``save()`` sends them, when anyone
    listens. A value that is an SQL expression, or a database that cannot return the key from
    an INSERT, cannot use the kept statement: that row is saved the ORM's ordinary way.
    """

    def __init__(self, model: type[M], *, using: str = DEFAULT_DB_ALIAS) -> None:
        self.model = model
        self.using = using

    @cached_property
    def _compiled(self) -> tuple[str, list[Field[Any, Any]], Field[Any, Any] | None, Any]:
        meta = self.model._meta
        auto = meta.auto_field
        generated = [f for f in meta.db_returning_fields if f is not auto]
        if generated or (auto is not None and not isinstance(auto, AutoFieldMixin)):
            raise ValueError(f"{self.model.__name__} has database-generated columns")
        fields = [f for f in meta.local_concrete_fields if f is not auto]
        connection = connections[self.using]
        query = InsertQuery(self.model)
        query.insert_values(fields, [self.model()])
        compiler = query.get_compiler(using=self.using)
        assert isinstance(compiler, SQLInsertCompiler)  # noqa: S101 -- what InsertQuery gives
        returning = auto is not None and connection.features.can_return_columns_from_insert
        compiler.returning_fields = [auto] if returning and auto is not None else None
        ((sql, params),) = compiler.as_sql()
        if sql.count("%s") != len(fields) or len(params) != len(fields):
            raise ValueError(f"{self.model.__name__} does not compile to one value per column")
        return sql, fields, auto, compiler

    def params(self, instance: M) -> list[Any] | None:
        """The kept statement's values for ``instance`` (``pre_save`` applied, so a
        ``created_at`` is set on it), or None when the row cannot use the kept statement: a
        value that is an SQL expression, or a key the database cannot return."""
        _sql, fields, auto, compiler = self._compiled
        params = [compiler.prepare_value(f, compiler.pre_save_val(f, instance)) for f in fields]
        if (auto is not None and not compiler.returning_fields) or any(
            hasattr(value, "as_sql") for value in params
        ):
            return None
        return params

    def save(self, instance: M) -> M:
        """Insert ``instance`` (a new row) and return it, saved, with its key filled in."""
        sql, _fields, auto, _compiler = self._compiled
        params = self.params(instance)
        if params is None:
            instance.save(force_insert=True, using=self.using)
            return instance
        model = self.model
        if signals.pre_save.has_listeners(model):
            signals.pre_save.send(
                sender=model, instance=instance, raw=False, using=self.using, update_fields=None
            )
        connection = connections[self.using]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            if auto is not None:
                (key,) = connection.ops.fetch_returned_insert_columns(cursor, ())
                setattr(instance, auto.attname, key)
        instance._state.adding = False
        instance._state.db = self.using
        if signals.post_save.has_listeners(model):
            signals.post_save.send(
                sender=model,
                instance=instance,
                created=True,
                update_fields=None,
                raw=False,
                using=self.using,
            )
        return instance


class CompiledInsertPair(Generic[M, N]):
    """Two new rows, the second usually pointing at the first, written by one statement.

    On PostgreSQL the first INSERT runs as a data-modifying ``WITH`` of the second: one round
    trip instead of two, and, outside a transaction, a statement that is atomic by itself (no
    BEGIN, no COMMIT). The first row's key must be known before it is written (a key made in
    Python, such as a UUID). Where the database cannot do this, or where anyone listens to
    the rows' save signals, the two rows are saved one after the other as ``CompiledInsert``
    saves them; the caller then needs a transaction of its own to keep them together.
    """

    def __init__(self, first: CompiledInsert[M], second: CompiledInsert[N]) -> None:
        if first.using != second.using:
            raise ValueError("both rows must go to the same database")
        self.first = first
        self.second = second

    @property
    def one_statement(self) -> bool:
        """Whether ``save`` writes both rows in one statement on this database."""
        connection = connections[self.first.using]
        if connection.vendor != "postgresql":
            return False
        _sql, _fields, first_auto, _compiler = self.first._compiled
        models = (self.first.model, self.second.model)
        heard = any(
            signal.has_listeners(model)
            for signal in (signals.pre_save, signals.post_save)
            for model in models
        )
        return first_auto is None and not heard

    @cached_property
    def _sql(self) -> str:
        first_sql, _fields, _auto, _compiler = self.first._compiled
        second_sql, _fields, _auto, _compiler = self.second._compiled
        return f"WITH first_row AS ({first_sql}) {second_sql}"

    def save(self, first: M, second: N) -> tuple[M, N]:
        """Insert both new rows; returns them saved, the second with its key filled in."""
        if not self.one_statement:
            return self.first.save(first), self.second.save(second)
        first_params = self.first.params(first)
        second_params = self.second.params(second)
        if first_params is None or second_params is None:
            return self.first.save(first), self.second.save(second)
        using = self.first.using
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(self._sql, [*first_params, *second_params])
            _sql, _fields, auto, _compiler = self.second._compiled
            if auto is not None:
                (key,) = connection.ops.fetch_returned_insert_columns(cursor, ())
                setattr(second, auto.attname, key)
        for row in (first, second):
            row._state.adding = False
            row._state.db = using
        return first, second
