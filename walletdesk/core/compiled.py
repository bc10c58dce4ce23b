"""Reads whose SQL is compiled once per process.

The ORM turns a queryset into SQL on every call. For most pages that is noise; for the
reads every request makes (the signed-in user) compiling costs more than the database
answering, so those few keep their SQL and hand rows back through the same converters and
``Model.from_db`` the ORM itself uses.
"""

from collections.abc import Callable
from functools import cached_property
from typing import Any, Generic, TypeAlias, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Field, Model
from django.db.models.sql.compiler import SQLCompiler

M = TypeVar("M", bound=Model)
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
