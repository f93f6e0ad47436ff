from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "lamtheobac.agenda"
    label = "agenda"
    verbose_name = "Lịch, bản tin và bảng điều hành"
