from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lamtheobac.core"
    label = "core"
    verbose_name = "Dùng chung"

    def ready(self) -> None:
        from lamtheobac.core import readcache  # noqa: F401 (names each new database connection)
