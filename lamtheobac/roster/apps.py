from django.apps import AppConfig


class RosterConfig(AppConfig):
    name = "lamtheobac.roster"
    verbose_name = "Danh sách tổ chức và đảng viên"
