"""Reads and inserts whose SQL is compiled once per process.

The ORM turns a queryset, or a new row, into SQL on every call. For most pages that is noise;
for the statements nearly every request makes (the signed-in user; the ticket and event rows
every submission and every change writes) compiling costs more than the database answering,
so those few keep their SQL. Values still go through the ORM's own steps (``pre_save``,
``get_db_prep_save``, converters, ``Model.from_db``), so a row stored here is the row
``save()`` would have stored; an insert skips only the steps that would hand a value over
unchanged (a text to a text column, an aware time where the database takes it as it is).
"""

import uuid
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from typing import Any, Generic, TypeAlias, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import (
    CharField,
    DateTimeField,
    Field,
    ForeignKey,
    Model,
    OneToOneField,
    QuerySet,
    TextField,
    UUIDField,
    signals,
)
from django.db.models.fields import AutoFieldMixin
from django.db.models.query import (  # type: ignore[attr-defined]  # not in the type stubs
    ModelIterable,
    ValuesListIterable,
    get_related_populators,
)
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


# The exact field classes (not subclasses, which may prepare values their own way) whose
# preparation hands a value of one exact type to the database as it is, on a database where a
# sample of that type comes back unchanged: texts, keys made in Python and, where the database
# takes them as they are, aware times. A key column follows the column it points to.
_PLAIN_TYPES: dict[type[Field[Any, Any]], type] = {
    CharField: str,
    TextField: str,
    DateTimeField: datetime,
    UUIDField: uuid.UUID,
}
_SAMPLES: dict[type, Any] = {
    str: "\x1fsample\x1f",
    datetime: datetime(2001, 2, 3, 4, 5, 6, 7, tzinfo=UTC),
    uuid.UUID: uuid.UUID(int=0x5EED),
}


@dataclass(frozen=True)
class _Column:
    """How one column's value is read off a new row and prepared for the kept statement."""

    field: Field[Any, Any]
    attname: str
    # The value is the attribute as it stands: the field's pre_save does nothing else.
    as_set: bool
    # A value of exactly this type is passed as it is (None: none is).
    plain: type | None
    # A naive time is not: the ORM makes it aware (and warns).
    aware_only: bool
    # None is passed as it is.
    none_plain: bool

    def passes(self, value: Any) -> bool:
        """Whether the ORM's preparation would hand ``value`` to the database unchanged."""
        if value is None:
            return self.none_plain
        return type(value) is self.plain and not (self.aware_only and value.utcoffset() is None)


def _column(field: Field[Any, Any], connection: Any) -> _Column:
    kind = type(field)
    as_set = kind.pre_save is Field.pre_save or (
        isinstance(field, DateTimeField)
        and kind.pre_save is DateTimeField.pre_save
        and not field.auto_now
        and not field.auto_now_add
    )
    target = field.target_field if isinstance(field, ForeignKey) else field
    plain = (
        _PLAIN_TYPES.get(type(target))
        if kind in (*_PLAIN_TYPES, ForeignKey, OneToOneField)
        else None
    )
    if (
        plain is not None
        and field.get_db_prep_save(_SAMPLES[plain], connection) is not _SAMPLES[plain]
    ):
        plain = None  # this database wants it converted (a UUID as hex, a time as text)
    none_plain = plain is not None and field.get_db_prep_save(None, connection) is None
    return _Column(field, field.attname, as_set, plain, plain is datetime, none_plain)


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
    def _columns(self) -> list[_Column]:
        _sql, fields, _auto, _compiler = self._compiled
        return [_column(field, connections[self.using]) for field in fields]

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
        _sql, _fields, auto, compiler = self._compiled
        if auto is not None and not compiler.returning_fields:
            return None
        # The ORM's own steps (pre_save, get_db_prep_save) for every value but those it would
        # hand over unchanged: most of a ticket's columns are texts, keys and times. Only what
        # those steps give back can be an SQL expression.
        params = []
        for column in self._columns:
            field = column.field
            if column.as_set:
                value = getattr(instance, column.attname)
            else:
                value = compiler.pre_save_val(field, instance)
            if not column.passes(value):
                value = compiler.prepare_value(field, value)
                if hasattr(value, "as_sql"):
                    return None
            params.append(value)
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


# How a stand-in value reached the statement's parameters, so the real value is bound the same
# way: as given, as the driver's integer type, or (a UUID on a database without a UUID type)
# as its hex or text form.
_AS_GIVEN, _AS_HEX, _AS_TEXT = "given", "hex", "text"
_Binding: TypeAlias = tuple[str, str | type[int]] | tuple[None, Any]
_StandIns = dict[str, Any]
# Stand-ins stay inside a small positive column's range (the ORM refuses a lookup outside it).
# A constant of the query could still equal one: each statement is compiled with two sets, and
# a place that binds a value in one and not in the other is refused (see CompiledRead._compile).
_STAND_IN_INTS = (31_001, 31_501)
_STAND_IN_UUIDS = (0x5EED_0000_0000_0000_0000_0000, 0x5EED_0001_0000_0000_0000_0000)


def _stand_ins(values: dict[str, Any], variant: int) -> _StandIns:
    """A value per name, of the real value's type, that the query's own constants do not hold."""
    stand_ins: _StandIns = {}
    for i, (name, value) in enumerate(sorted(values.items())):
        if isinstance(value, bool) or not isinstance(value, int | str | uuid.UUID):
            raise TypeError(f"{name}: only keys and texts are bound, not {type(value).__name__}")
        if isinstance(value, uuid.UUID):
            stand_ins[name] = uuid.UUID(int=_STAND_IN_UUIDS[variant] + i)
        elif isinstance(value, int):
            stand_ins[name] = _STAND_IN_INTS[variant] + i
        else:
            stand_ins[name] = f"\x1fstand-in {variant}.{i}\x1f"
    return stand_ins


def _binding_of(param: Any, stand_ins: _StandIns) -> _Binding:
    for name, stand_in in stand_ins.items():
        if type(param) is type(stand_in) and param == stand_in:
            return name, _AS_GIVEN
        if isinstance(stand_in, int) and isinstance(param, int) and param == stand_in:
            # The driver's typed integer (psycopg's Int2 for a small column): bound as that type.
            return name, type(param)
        if isinstance(stand_in, uuid.UUID) and isinstance(param, str):
            if param == stand_in.hex:
                return name, _AS_HEX
            if param == str(stand_in):
                return name, _AS_TEXT
    return None, param


def _bound(binding: _Binding, values: dict[str, Any]) -> Any:
    name, how = binding
    if name is None:
        return how  # a constant of the query itself
    value = values[name]
    if how == _AS_HEX:
        return value.hex
    if how == _AS_TEXT:
        return str(value)
    if isinstance(how, type):
        return how(value)
    return value


@dataclass(frozen=True)
class _Statement:
    sql: str
    bindings: tuple[_Binding, ...]
    compiler: SQLCompiler
    using: str

    # What turns a row into instances depends on the statement alone: worked out on its first
    # read and kept, where the ORM works out the converters and the related rows' builders
    # again on every read.
    @cached_property
    def converters(self) -> _Converters:
        compiler = self.compiler
        if compiler.has_composite_fields(self.columns):
            raise ValueError("a composite key is not read by a kept statement")
        return compiler.get_converters(self.columns)

    @cached_property
    def columns(self) -> list[Any]:
        compiler = self.compiler
        return [column[0] for column in compiler.select[0 : compiler.col_count]]

    @cached_property
    def instance_columns(self) -> tuple[int, int, list[str]]:
        klass_info = self.compiler.klass_info
        assert klass_info is not None  # noqa: S101 -- a model read always has one
        select_fields = klass_info["select_fields"]
        start, end = select_fields[0], select_fields[-1] + 1
        init_list = [column[0].target.attname for column in self.compiler.select[start:end]]
        return start, end, init_list

    @cached_property
    def populators(self) -> list[Any]:
        compiler = self.compiler
        return get_related_populators(  # type: ignore[no-any-return]
            compiler.klass_info, compiler.select, self.using
        )


class _CompiledSelect(Generic[M]):
    """A SELECT whose SQL is compiled once per process, shape and database (CompiledRead for
    model rows, CompiledValues for a few columns).

    ``build(shape, **values)`` makes the queryset (filters, ``select_related``, ordering). It
    is called once per ``shape`` (what changes the statement's form rather than its values: a
    role, a flag; hashable) with stand-in values of the same types; the statement is compiled
    and the stand-ins' places among its parameters are kept. Each call binds the real values
    there. Only keys (int, UUID) and texts are bound, and only as the ORM passes them
    unchanged: a value it transforms (an ``__icontains`` pattern) is not found among the
    parameters and the compile refuses it.

    The database is the router's choice for reading ``model`` at each call, so a read the
    replica may serve still goes there (and a pinned request to the primary).
    """

    def __init__(self, model: type[M], build: Callable[..., QuerySet[M, Any]]) -> None:
        self.model = model
        self.build = build
        self._statements: dict[tuple[Any, ...], _Statement] = {}

    def _statement(self, shape: Hashable, using: str, values: dict[str, Any]) -> _Statement:
        key = (shape, using, tuple((name, type(v)) for name, v in sorted(values.items())))
        statement = self._statements.get(key)
        if statement is None:
            statement = self._statements[key] = self._compile(shape, using, values)
        return statement

    def _compile(self, shape: Hashable, using: str, values: dict[str, Any]) -> _Statement:
        compiled = [self._compile_with(shape, using, _stand_ins(values, v)) for v in (0, 1)]
        (sql, bindings, compiler), (other_sql, other_bindings, _compiler) = compiled
        if sql != other_sql or bindings != other_bindings:
            # A stand-in met a constant of the query, or a value changed the statement's form.
            raise ValueError(f"{self.model.__name__}: a value is not bound in one fixed place")
        missing = set(values) - {name for name, _how in bindings if name is not None}
        if missing:
            raise ValueError(
                f"{self.model.__name__}: {', '.join(sorted(missing))} not bound as given"
            )
        return _Statement(sql, bindings, compiler, using)

    def _compile_with(
        self, shape: Hashable, using: str, stand_ins: _StandIns
    ) -> tuple[str, tuple[_Binding, ...], SQLCompiler]:
        queryset = self.build(shape, **stand_ins)
        if queryset.model is not self.model:
            raise ValueError(f"{self.model.__name__}: build made a {queryset.model.__name__} read")
        self._check(queryset)
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        return sql, tuple(_binding_of(param, stand_ins) for param in params), compiler

    def _check(self, queryset: QuerySet[M]) -> None:
        raise NotImplementedError

    def _fetch(self, shape: Hashable, values: dict[str, Any]) -> tuple[_Statement, list[Any]]:
        using = router.db_for_read(self.model) or DEFAULT_DB_ALIAS
        statement = self._statement(shape, using, values)
        with connections[using].cursor() as cursor:
            cursor.execute(statement.sql, [_bound(b, values) for b in statement.bindings])
            return statement, cursor.fetchall()


class CompiledRead(_CompiledSelect[M]):
    """A read of model rows whose SQL is compiled once per process, shape and database.

    ``build(shape, **values)`` makes the queryset (filters, ``select_related``, ordering); see
    _CompiledSelect for shapes and values. Each call builds the instances as the queryset
    would, related rows included.
    """

    def _check(self, queryset: QuerySet[M]) -> None:
        # What the statement alone cannot give: rows as values (CompiledValues reads those),
        # or a second query's rows.
        prefetched = getattr(queryset, "_prefetch_related_lookups", ())
        if queryset._iterable_class is not ModelIterable or prefetched:
            raise ValueError(f"{self.model.__name__}: only model rows from one statement")

    def read(self, *, shape: Hashable = (), **values: Any) -> list[M]:
        """Every row the queryset ``build(shape, **values)`` gives, in its order."""
        statement, rows = self._fetch(shape, values)
        return self._instances(statement, rows)

    def _instances(self, statement: _Statement, rows: list[Any]) -> list[M]:
        # What the ORM's ModelIterable does with a compiled statement's rows.
        compiler, using = statement.compiler, statement.using
        annotation_col_map = compiler.annotation_col_map
        start, end, init_list = statement.instance_columns
        populators = statement.populators
        converters = statement.converters
        instances: list[M] = []
        for row in compiler.apply_converters(rows, converters) if converters else rows:
            instance = self.model.from_db(using, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, instance)
            for attribute, position in (annotation_col_map or {}).items():
                setattr(instance, attribute, row[position])
            instances.append(instance)
        return instances


class CompiledCount(_CompiledSelect[M]):
    """How many rows a read gives, its SQL compiled once per process, shape and database (see
    _CompiledSelect). ``build`` gives the rows to count as ``values_list("pk")``; the count is
    ``SELECT COUNT(*)`` over that statement, which the database plans as the ORM's own
    ``count()`` (the subquery is pulled up). For a number every page shows (the bell), the
    ORM built and compiled the whole filter again on each request."""

    def _check(self, queryset: QuerySet[M]) -> None:
        query = queryset.query
        if (
            queryset._iterable_class is not ValuesListIterable
            or query.annotation_select
            or query.extra_select
            or query.distinct
        ):
            raise ValueError(f"{self.model.__name__}: count only values_list('pk') rows")

    def _compile_with(
        self, shape: Hashable, using: str, stand_ins: _StandIns
    ) -> tuple[str, tuple[_Binding, ...], SQLCompiler]:
        sql, bindings, compiler = super()._compile_with(shape, using, stand_ins)
        return f"SELECT COUNT(*) FROM ({sql}) counted", bindings, compiler  # noqa: S608

    def count(self, *, shape: Hashable = (), **values: Any) -> int:
        """How many rows the queryset ``build(shape, **values)`` gives."""
        _statement, rows = self._fetch(shape, values)
        return int(rows[0][0])


class CompiledValues(_CompiledSelect[M]):
    """A read of a few columns as tuples, ``values_list("a", "b__c", ...)``, its SQL compiled
    once per process, shape and database (see _CompiledSelect). No instance is built: for a
    list that shows a handful of values a line, making each row a model instance (every
    field of the model set, the others deferred) cost more than reading it."""

    def _check(self, queryset: QuerySet[M]) -> None:
        query = queryset.query
        prefetched = getattr(queryset, "_prefetch_related_lookups", ())
        if (
            queryset._iterable_class is not ValuesListIterable
            or query.annotation_select
            or query.extra_select
            or prefetched
        ):
            raise ValueError(f"{self.model.__name__}: only values_list() of fields")

    def read(self, *, shape: Hashable = (), **values: Any) -> list[tuple[Any, ...]]:
        """Every row the queryset ``build(shape, **values)`` gives, in its order, as tuples
        of the named columns' values as the ORM converts them."""
        statement, rows = self._fetch(shape, values)
        converters = statement.converters
        if not converters:
            return [tuple(row) for row in rows]
        return [tuple(row) for row in statement.compiler.apply_converters(rows, converters)]
