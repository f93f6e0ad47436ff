from django.apps import AppConfig


class CommendationsConfig(AppConfig):
    name = "lamtheobac.commendations"
    label = "commendations"
    verbose_name = "Khen thưởng điển hình tiên tiến"
