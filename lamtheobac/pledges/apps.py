from django.apps import AppConfig


class PledgesConfig(AppConfig):
    name = "lamtheobac.pledges"
    label = "pledges"
    verbose_name = "Đăng ký làm theo, gương điển hình, mô hình"
