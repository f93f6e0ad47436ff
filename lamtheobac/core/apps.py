from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lamtheobac.core"
    label = "core"
    verbose_name = "Dùng chung"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from lamtheobac.core.sql import register_functions

        connection_created.connect(register_functions, dispatch_uid="lamtheobac.core.sql")
